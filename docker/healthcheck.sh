#!/bin/bash
# The image's health check: healthy when the portal answers 200 on /health (its database and index are up). Plain
# HTTP through bash's /dev/tcp, so the image needs no HTTP client.
exec 3<>"/dev/tcp/127.0.0.1/${PORTAL_PORT:-8080}" || exit 1
printf 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
read -r -t 5 _ status _ <&3 || exit 1
[ "$status" = 200 ]
