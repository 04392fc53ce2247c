"""Where this project lives. A fork changes REPOSITORY_URL and reruns
`python scripts/sync_notebooks.py`; every badge, Colab install line and README
link is generated from these constants."""

REPOSITORY_URL = "https://github.com/nudge-lessons/nudge"
BRANCH = "main"
