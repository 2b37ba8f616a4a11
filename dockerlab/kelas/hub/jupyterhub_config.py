# JupyterHub's own configuration file for a dockerlab class on one server (`make hub`).
#
# Stock parts only: PAMAuthenticator (learners log in as the system users `make hub` made) and
# LocalProcessSpawner (each server runs as its learner, in their 0700 home). `python -m
# dockerlab.kelas start` sets the KELAS_* variables below and runs `jupyterhub -f` on this file;
# a teacher may copy and change it (ports, limits, more admins).
import os
import sys
from pathlib import Path

from dockerlab.kelas.roster import class_dir, load

c = get_config()  # noqa: F821 - JupyterHub provides it
folder = class_dir()
roster = load(folder)
teacher = roster["teacher"]
python = sys.executable  # the class venv: readable by every learner
venv_bin = str(Path(python).parent)
env = os.environ.get

# --- where the hub listens ----------------------------------------------------------------------
c.JupyterHub.ip = env("KELAS_IP", "0.0.0.0")
c.JupyterHub.port = int(env("KELAS_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("KELAS_HUB_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('KELAS_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.pid_file = str(folder / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{folder / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(folder / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server
if env("KELAS_SSL_CERT"):  # passwords cross the classroom network: HTTPS when a certificate is given
    c.JupyterHub.ssl_cert = env("KELAS_SSL_CERT")
    c.JupyterHub.ssl_key = env("KELAS_SSL_KEY")

# --- who may log in ----------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
c.Authenticator.allowed_users = {teacher, *roster["learners"]}
c.Authenticator.admin_users = {teacher}

# --- each learner's server -----------------------------------------------------------------------
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [str(Path(venv_bin) / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~/notebooks"
c.Spawner.default_url = "/lab/tree/00-pengantar.ipynb"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.mem_limit = env("KELAS_MEM_LIMIT") or None  # shown to the server; enforced only on Kubernetes


def _home(spawner, *parts):
    return str(Path(os.path.expanduser(f"~{spawner.user.name}"), *parts))


c.Spawner.environment = {
    # The embedded engine, as on Binder: RUN steps and containers through proot (not root).
    "DOCKERLAB_ENGINE": "local",
    "DOCKERLAB_HOME": lambda spawner: _home(spawner, ".dockerlab"),
    "DOCKERLAB_NOTEBOOKS": lambda spawner: _home(spawner, "notebooks"),
    "KELAS_REGISTRY": roster["registry"],
    "PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin",
}

# --- the class's services ----------------------------------------------------------------------
service_env = {"KELAS_DIR": str(folder), "PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin"}
c.JupyterHub.services = [
    {   # the teacher's class table (admins only: they alone hold access:services)
        "name": "kelas",
        "url": f"http://127.0.0.1:{env('KELAS_TEACHER_PORT', '8090')}",
        "command": [python, "-m", "dockerlab.kelas.teacher"],
        "environment": dict(service_env),
        "oauth_no_confirm": True,
    },
    {   # the class registry and its token issuer (per-learner namespaces)
        "name": "registry",
        "url": f"http://127.0.0.1:{env('KELAS_TOKEN_PORT', '5001')}",
        "command": [python, "-m", "dockerlab.kelas.registry"],
        "environment": {**service_env, "KELAS_TOKEN_PORT": env("KELAS_TOKEN_PORT", "5001"),
                        "KELAS_REGISTRY_PORT": roster["registry"].rsplit(":", 1)[1]},
        "display": False,
    },
]
