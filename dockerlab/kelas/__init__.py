"""A class on one server: a real JupyterHub, learners as system users, a class registry, progress.

* :mod:`.roster` makes the learners' system users, homes and logins (``users.txt`` or ``--users N``).
* ``hub/jupyterhub_config.py`` is the hub's own configuration: stock
  PAMAuthenticator and LocalProcessSpawner, the embedded engine for every learner.
* :mod:`.registry` is a hub-managed service: the real registry server with token auth and the
  token issuer that keeps each learner to their own namespace.
* :mod:`.teacher` is a hub-managed service behind the hub's login, for admins only: the class's
  progress table and its CSV.
* ``python -m dockerlab.kelas start|remove`` (what ``make hub`` runs) ties them together.

This package sits at the top layer (beside ``cli``): it may use everything below it.
"""
