"""The GeoNames gazetteer: built once into the cache dir from packaged data, loaded fast."""
from . import cachefile
from .gazetteer import Candidate, Gazetteer
from .normalize import fold, skeleton

__all__ = ["Candidate", "Gazetteer", "fold", "skeleton"]
