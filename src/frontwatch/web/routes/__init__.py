"""One router per resource: events, control, places, articles, and the page itself."""
