"""backpain: a command-line exercise guide for lower back pain."""

__version__ = "0.1.0"
