"""The interactive widgets of the lessons; each lesson cell calls one of these.

Each returns a LessonWidget (an ipywidgets.VBox): move its sliders, or drive it
from code with `.set(...)` and read `.values`. One module per lesson's topic.
"""

from . import backprop, descent, lab, learned, neuron, wishes
from ._base import LessonWidget
from .backprop import *  # noqa: F401,F403  lesson 04
from .descent import *  # noqa: F401,F403   lesson 02
from .digits import digit_browser
from .lab import *  # noqa: F401,F403       lesson 06
from .learned import *  # noqa: F401,F403   lesson 05
from .neuron import *  # noqa: F401,F403    lesson 01
from .wishes import *  # noqa: F401,F403    lesson 03

__all__ = ["LessonWidget", "digit_browser", *neuron.__all__, *descent.__all__, *wishes.__all__,
           *backprop.__all__, *learned.__all__, *lab.__all__]
