"""The nginx configuration in front of several Streamlit processes (used by deploy/run.sh and
by the scale benchmark).

- websockets upgraded and kept open (Streamlit's `/_stcore/stream`);
- sticky by cookie: `hash ... consistent` on the session cookie (or, before login,
  Streamlit's XSRF cookie), so a member's websocket and uploads reach the same process; when
  that process is down nginx takes the next one and the member's page reconnects there;
- `/files/` (stored media) served by nginx itself from the shared media folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

TEMPLATE = """\
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 8192; }}
http {{
  access_log off;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  types {{ image/webp webp; image/jpeg jpg jpeg; image/png png; }}
  tcp_nodelay on;
  client_max_body_size 50m;

  map $http_upgrade $connection_upgrade {{
    default upgrade;
    ''      close;
  }}

  upstream guongsang {{
    hash $cookie_gs_session$cookie__streamlit_xsrf consistent;
{servers}
    keepalive 32;
  }}

  server {{
    listen {listen};
    location /files/ {{
      alias {media}/;
      add_header Cache-Control "public, max-age=31536000, immutable";
    }}
    location / {{
      proxy_pass http://guongsang;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 1d;
      proxy_send_timeout 1d;
      proxy_buffering off;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
    }}
  }}
}}
"""


def render(
    listen_port: int, app_ports: list[int], media_dir: str, prefix: Path, host: str = "127.0.0.1"
) -> str:
    servers = "\n".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=3s;" for p in app_ports)
    return TEMPLATE.format(
        prefix=prefix,
        servers=servers,
        listen=f"{host}:{listen_port}",
        media=Path(media_dir).resolve(),
    )


def write_config(prefix: Path, listen_port: int, app_ports: list[int], media_dir: str) -> Path:
    """Write nginx.conf (and its temp folders) under `prefix`; returns the file."""
    prefix = Path(prefix).resolve()
    prefix.mkdir(parents=True, exist_ok=True)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / sub).mkdir(exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(render(listen_port, app_ports, media_dir, prefix))
    return conf


if __name__ == "__main__":  # deploy/run.sh: PREFIX LISTEN_PORT MEDIA_DIR APP_PORT...
    print(
        write_config(
            Path(sys.argv[1]), int(sys.argv[2]), [int(p) for p in sys.argv[4:]], sys.argv[3]
        )
    )
