#!/bin/sh
echo "SKIP: cmocka not found at configure time (apt-get install libcmocka-dev)"
exit 77
