/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The test PKI, made fresh on every run with the openssl command so that no
 * key or certificate is ever committed (and none can expire in the tree):
 *
 *   ca.crt/.der        test CA (ECDSA P-256), also in trust/ for PATH loads
 *   other-ca.crt       a CA nobody's certificate chains to
 *   server.crt         localhost, 127.0.0.1
 *   expired.crt        as server.crt, valid only in January 2020
 *   revoked.crt        as server.crt, revoked in ca.crl (.der)
 *   wronghost.crt      other.test only
 *   client.crt/.der    a client certificate; client-enc.key its key,
 *                      encrypted with the password "tern-secret"
 *   dane.crt/.der      self-signed, dane.test; dane.spki.sha256 the SHA-256
 *                      of its SubjectPublicKeyInfo (server.spki.sha256 the
 *                      same for server.crt)
 *   psk.txt            the PSK in gnutls-serv's format
 */
#include "tc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char PKI_SCRIPT[] =
        "set -e\n"
        "exec >pki.log 2>&1\n"
        "export TC_SAN=DNS:localhost\n"
        "cat >ca.cnf <<'EOF'\n"
        "[ req ]\n"
        "distinguished_name = req_dn\n"
        "[ req_dn ]\n"
        "[ ca ]\n"
        "default_ca = test_ca\n"
        "[ test_ca ]\n"
        "dir = .\n"
        "database = $dir/index.txt\n"
        "new_certs_dir = $dir/newcerts\n"
        "serial = $dir/serial\n"
        "crlnumber = $dir/crlnumber\n"
        "default_md = sha256\n"
        "default_days = 365\n"
        "default_crl_days = 30\n"
        "policy = policy_any\n"
        "unique_subject = no\n"
        "[ policy_any ]\n"
        "commonName = supplied\n"
        "[ ca_ext ]\n"
        "basicConstraints = critical,CA:TRUE\n"
        "keyUsage = critical,keyCertSign,cRLSign\n"
        "subjectKeyIdentifier = hash\n"
        "[ server_ext ]\n"
        "basicConstraints = critical,CA:FALSE\n"
        "keyUsage = critical,digitalSignature\n"
        "extendedKeyUsage = serverAuth\n"
        "subjectAltName = $ENV::TC_SAN\n"
        "[ client_ext ]\n"
        "basicConstraints = critical,CA:FALSE\n"
        "keyUsage = critical,digitalSignature\n"
        "extendedKeyUsage = clientAuth\n"
        "[ dane_ext ]\n"
        "basicConstraints = critical,CA:FALSE\n"
        "subjectAltName = DNS:dane.test\n"
        "EOF\n"
        "mkdir -p newcerts trust\n"
        ": >index.txt\n"
        "echo 1000 >serial\n"
        "echo 1000 >crlnumber\n"
        "key() { openssl genpkey -algorithm EC"
        " -pkeyopt ec_paramgen_curve:P-256 -out \"$1\"; }\n"
        "root() { key \"$1.key\"; openssl req -x509 -new -key \"$1.key\""
        " -subj \"/CN=$2\" -days 3650 -config ca.cnf -extensions \"$3\""
        " -out \"$1.crt\"; }\n"
        "issue() { name=$1 cn=$2 ext=$3; shift 3; key \"$name.key\";"
        " openssl req -new -key \"$name.key\" -subj \"/CN=$cn\""
        " -config ca.cnf -out \"$name.csr\";"
        " openssl ca -batch -notext -config ca.cnf -cert ca.crt"
        " -keyfile ca.key -in \"$name.csr\" -out \"$name.crt\""
        " -extensions \"$ext\" \"$@\"; }\n"
        "root ca 'Tern Test CA' ca_ext\n"
        "root other-ca 'Tern Other CA' ca_ext\n"
        "root dane dane.test dane_ext\n"
        "TC_SAN=DNS:localhost,IP:127.0.0.1 issue server localhost "
        "server_ext\n"
        "TC_SAN=DNS:localhost,IP:127.0.0.1 issue expired localhost "
        "server_ext -startdate 20200101000000Z -enddate 20200201000000Z\n"
        "TC_SAN=DNS:localhost,IP:127.0.0.1 issue revoked localhost "
        "server_ext\n"
        "TC_SAN=DNS:other.test issue wronghost other.test server_ext\n"
        "issue client tern-client client_ext\n"
        "openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key"
        " -revoke revoked.crt\n"
        "openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key"
        " -gencrl -out ca.crl\n"
        "openssl crl -in ca.crl -outform DER -out ca.crl.der\n"
        "openssl pkey -in client.key -aes256 -passout pass:tern-secret"
        " -out client-enc.key\n"
        "openssl x509 -in client.crt -outform DER -out client.der\n"
        "openssl x509 -in ca.crt -outform DER -out ca.der\n"
        "cp ca.crt trust/ca.pem\n"
        "echo 'not a certificate' >trust/README\n"
        "openssl x509 -in dane.crt -outform DER -out dane.der\n"
        "openssl x509 -in dane.crt -pubkey -noout"
        " | openssl pkey -pubin -outform DER"
        " | openssl dgst -sha256 -binary >dane.spki.sha256\n"
        "openssl x509 -in server.crt -pubkey -noout"
        " | openssl pkey -pubin -outform DER"
        " | openssl dgst -sha256 -binary >server.spki.sha256\n"
        "echo '" TC_PSK_IDENTITY ":" TC_PSK_KEY_HEX "' >psk.txt\n";

bool tc_make_pki(void) {
    const char *dir = tc_path("");
    size_t size = strlen(dir) + sizeof(PKI_SCRIPT) + 64;
    char *command = (char *) malloc(size);
    if (!command) {
        return false;
    }
    snprintf(command, size, "cd '%s' && sh -c \"$TC_SCRIPT\"", dir);
    setenv("TC_SCRIPT", PKI_SCRIPT, 1);
    int status = system(command);
    unsetenv("TC_SCRIPT");
    free(command);
    if (status) {
        fprintf(stderr, "PKI generation failed; see %s\n", tc_path("pki.log"));
        return false;
    }
    return true;
}
