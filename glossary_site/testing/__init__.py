"""What several test modules share and no test module holds: real servers on
loopback (servers, nodes), admin form data as a browser submits it, the Nu HTML
checker, small images, the linker's realistic glossary and the XSS payloads.

Nothing here is collected as a test, and no site code imports it."""
