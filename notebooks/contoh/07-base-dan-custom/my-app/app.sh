echo "Halo dari my-app, di atas $(cat /etc/basis-versi.txt)"
