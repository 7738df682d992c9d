"""PLOVER typing shared by the relation typer and the event extractor.

``context``     the context rules (one function, ``context_type``)
``classifier``  the packaged text classifier and the scored decision combining it with the rules
``component``   the spaCy component ``frontwatch_typing`` (after ``frontwatch_events``)
``train``       the deterministic training command for the classifier
"""
