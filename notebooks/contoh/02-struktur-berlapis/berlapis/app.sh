#!/bin/sh
echo "$PESAN"
echo "Kota dalam data: $(cat /app/data/kota.txt | tr '\n' ' ')"
