#!/bin/sh
# Pura-pura memasang dependensi: satu folder untuk setiap nama di daftar-paket.txt.
# (Di proyek sungguhan ini misalnya `pip install -r requirements.txt`, dan lama.)
while read -r paket; do
  mkdir -p "/opt/paket/$paket"
  echo "$paket terpasang" > "/opt/paket/$paket/VERSI"
done < daftar-paket.txt
echo "dependensi terpasang: $(ls /opt/paket | tr '\n' ' ')"
