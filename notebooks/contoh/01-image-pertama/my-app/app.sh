#!/bin/sh
# Aplikasi kecil untuk image pertama: mencetak salam dari variabel SALAM.
echo "$SALAM"
echo "Folder kerja saya: $(pwd)"
