#!/bin/sh
echo "Halo dari my-app, berjalan di CPU $(uname -m)"
