"""One progress bar for long work: a notebook widget in Jupyter, plain text in a terminal.

tqdm.auto picks the notebook bar where ipywidgets can show it, so a finished bar is
a green widget, not a pink stderr box left in the saved notebook.
"""

from tqdm.auto import tqdm


def progress_bar(total, description, unit, enabled=True):
    """A tqdm bar of `total` steps; a silent one when `enabled` is false. Use it as a context manager."""
    return tqdm(total=total, desc=description, unit=unit, disable=not enabled, leave=True)
