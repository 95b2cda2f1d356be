#!/bin/sh
# Generates the transparency log's signing key: a C2SP signed-note Ed25519 private key string
#   PRIVATE+KEY+<origin>+<key id, 8 hex>+<base64(0x01 || 32-byte seed)>
# which the registry reads from TOOLSEAL_LOG_PRIVATE_KEY(_FILE). The key name must equal the
# registry's toolseal.log.origin. Needs openssl (1.1.1 or later), od, base64 and sha256sum.
#
#   deploy/scripts/log-keygen.sh <origin> <output file>
#
# Writes the key to <output file> (created with mode 0600, never overwritten) and prints the
# public verifier key <origin>+<key id>+<base64(0x01 || public key)> on stdout, for clients
# and witnesses. The private key is never printed.
set -eu

usage() {
    echo "usage: $0 <origin, e.g. registry.example.org/log> <output file>" >&2
    exit 2
}
[ $# -eq 2 ] || usage
origin=$1
out=$2
case $origin in
    "" | *+* | *" "* | *"	"*) echo "$0: the origin must be non-empty, without '+' or whitespace" >&2; exit 2 ;;
esac
[ ! -e "$out" ] || { echo "$0: $out exists; not overwritten" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
umask 077

# PKCS#8 DER of an Ed25519 key ends with the 32-byte seed; the SPKI DER ends with the public key.
openssl genpkey -algorithm ed25519 -outform DER -out "$work/key.der" 2>/dev/null
openssl pkey -inform DER -in "$work/key.der" -pubout -outform DER -out "$work/pub.der"
tail -c 32 "$work/key.der" > "$work/seed"
tail -c 32 "$work/pub.der" > "$work/pub"

# Key id: the first 4 bytes of SHA-256(name || "\n" || 0x01 || public key), as 8 hex digits.
{ printf '%s\n' "$origin"; printf '\001'; cat "$work/pub"; } > "$work/id-input"
id=$(sha256sum "$work/id-input" | cut -c1-8)

{ printf '\001'; cat "$work/seed"; } | base64 -w0 > "$work/seed.b64"
{ printf '\001'; cat "$work/pub"; } | base64 -w0 > "$work/pub.b64"

printf 'PRIVATE+KEY+%s+%s+%s\n' "$origin" "$id" "$(cat "$work/seed.b64")" > "$work/key"
chmod 0600 "$work/key"
# mv -n never replaces an existing file; a leftover temporary file means $out appeared meanwhile.
cp "$work/key" "$out.tmp.$$"
mv -n "$out.tmp.$$" "$out"
[ ! -e "$out.tmp.$$" ] || { rm -f "$out.tmp.$$"; echo "$0: $out appeared meanwhile; not overwritten" >&2; exit 1; }
printf '%s+%s+%s\n' "$origin" "$id" "$(cat "$work/pub.b64")"
