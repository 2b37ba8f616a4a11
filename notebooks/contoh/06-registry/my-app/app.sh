#!/bin/sh
echo "Halo dari my-app versi 1.0"
