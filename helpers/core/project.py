"""Where this project lives. A fork changes REPOSITORY_URL and reruns
`python scripts/sync_notebooks.py`; every badge, Colab install line and README
link is generated from these constants."""

REPOSITORY_URL = "https://github.com/nudge-lessons/nudge"
BRANCH = "main"

# The lessons' web site: .github/workflows/site.yml publishes build/site/ on GitHub Pages, at this address.
_OWNER, _NAME = REPOSITORY_URL.removeprefix("https://github.com/").strip("/").split("/")[:2]
SITE_URL = f"https://{_OWNER}.github.io/{_NAME}/"
