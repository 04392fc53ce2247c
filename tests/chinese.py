"""What the zh-CN widget tests share: drawing a widget's figure with a missing glyph made an error."""

import warnings


def drawn_without_missing_glyphs(view):
    """Draw the whole figure again with every warning an error: a glyph no font has is a warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        view.redraw(full=True)
    return True
