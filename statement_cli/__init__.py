"""statement-cli: a terminal archive for statements, speeches and remarks."""

__version__ = "0.5.0"
