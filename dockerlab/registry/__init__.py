"""Registries: the OCI distribution client and the course's own registry server."""
