#!/bin/sh
# Entrypoint of the Silo image. Orleans must advertise an address that the other silos and the
# clients can reach: this container's own IP (never a load balancer's or 0.0.0.0). Docker gives
# it in /etc/hosts, so derive it at start unless Orleans__Endpoints__AdvertisedIPAddress is set.
# Arguments go to the Silo ("migrate" applies the schema and exits; it needs no address).
set -eu

# Prints the first non-loopback IPv4 address among the arguments.
first_ipv4() {
  for candidate in "$@"; do
    case "$candidate" in
      127.*) ;;
      *.*.*.*)
        echo "$candidate"
        return 0
        ;;
    esac
  done
  return 1
}

if [ -z "${Orleans__Endpoints__AdvertisedIPAddress:-}" ] && [ "${1:-}" != migrate ]; then
  # shellcheck disable=SC2046 # word splitting of the address lists is intended
  address="$(first_ipv4 $(hostname -i 2>/dev/null || true))" ||
    address="$(first_ipv4 $(getent ahostsv4 "$(cat /proc/sys/kernel/hostname)" | awk '{ print $1 }'))" || {
    echo "silo-entrypoint: cannot find this container's IPv4 address; set Orleans__Endpoints__AdvertisedIPAddress" >&2
    exit 1
  }
  Orleans__Endpoints__AdvertisedIPAddress="$address"
  export Orleans__Endpoints__AdvertisedIPAddress
fi

exec dotnet /app/OrleansRemarks.Silo.dll "$@"
