"""docs/nginx-glossary.conf run for real on loopback, by the tests
(tests/test_scale_out.py) and the benchmark (bench/run.py --nginx): the sample site
with the given ports and folders put in, inside a minimal nginx.conf of its own."""

import re
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "nginx-glossary.conf"

WRAPPER = """
daemon off;
user root;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections {connections}; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{site}
}}
"""


def config(tmp, port, upstream_ports, media, connections=64, access_log=None):
    """Write the configuration into the folder tmp and return its path. nginx
    listens on 127.0.0.1:port and passes requests to 127.0.0.1 at upstream_ports;
    access_log None keeps the site's log in tmp, "off" turns it off."""
    site = SAMPLE.read_text()
    upstreams = "\n".join(f"    server 127.0.0.1:{upstream};" for upstream in upstream_ports)
    site = re.sub(r"(?m)^    server 127\.0\.0\.1:800\d.*$\n?", "", site)
    site = site.replace("keepalive 32;", f"keepalive 32;\n{upstreams}")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace("/srv/glossary/media/", f"{media}/")
    logged = "off" if access_log == "off" else f"{tmp}/glossary.access.log glossary"
    site = site.replace("/var/log/nginx/glossary.access.log glossary", logged)
    path = Path(tmp) / "nginx.conf"
    path.write_text(WRAPPER.format(tmp=tmp, site=site, connections=connections))
    return path
