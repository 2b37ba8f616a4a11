echo "Saya alat, di atas $(cat /etc/basis-versi.txt)"
