#!/bin/sh
echo "Aplikasi versi 1 dengan paket: $(ls /opt/paket | tr '\n' ' ')"
