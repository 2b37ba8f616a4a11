"""Engines: the embedded daemonless one (``local``) and the real Docker Engine (``docker``)."""
