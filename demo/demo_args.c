/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <avsystem/commons/avs_crypto_common.h>
#include <avsystem/commons/avs_memory.h>

#include "demo_args.h"

static void usage(FILE *out, const char *name) {
    fprintf(out,
            "usage: %s [options]\n"
            "  -e, --endpoint-name NAME       Endpoint Client Name\n"
            "  -u, --server-uri URI           coap://, coaps://, coap+tcp:// "
            "or\n"
            "                                 coaps+tcp:// server "
            "(default coap://127.0.0.1:5683)\n"
            "  -s, --security-mode MODE       nosec, psk or cert (default: "
            "from the URI)\n"
            "  -i, --identity HEX             PSK identity\n"
            "      --identity-as-string TEXT  PSK identity as text\n"
            "  -k, --key HEX                  PSK\n"
            "      --key-as-string TEXT       PSK as text\n"
            "  -C, --client-cert-file FILE    client certificate (DER or "
            "PEM)\n"
            "  -K, --key-file FILE            client private key (DER or "
            "PEM)\n"
            "  -P, --server-public-key-file FILE\n"
            "                                 the server's certificate "
            "(DER or PEM)\n"
            "  -b, --bootstrap                the URI is a Bootstrap Server\n"
            "  -l, --lifetime SECONDS         registration lifetime "
            "(default 86400)\n"
            "  -p, --port PORT                local UDP port (default: any)\n"
            "  -N, --confirmable-notifications\n"
            "                                 send notifications as "
            "Confirmable\n"
            "      --ciphersuites IDS         comma-separated hex cipher "
            "suite IDs,\n"
            "                                 e.g. C0A8,C0AE\n"
            "  -h, --help                     this text\n",
            name);
}

static int hex_value(int c) {
    if (isdigit(c)) {
        return c - '0';
    }
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int parse_hex(const char *text, demo_bytes_t *out) {
    size_t len = strlen(text);
    if (len % 2) {
        return -1;
    }
    avs_free(out->data);
    out->size = 0;
    if (!(out->data = (uint8_t *) avs_malloc(len / 2 + 1))) {
        return -1;
    }
    for (size_t i = 0; i < len; i += 2) {
        int hi = hex_value((unsigned char) text[i]);
        int lo = hex_value((unsigned char) text[i + 1]);
        if (hi < 0 || lo < 0) {
            return -1;
        }
        out->data[out->size++] = (uint8_t) (hi * 16 + lo);
    }
    return 0;
}

static int set_string(const char *text, demo_bytes_t *out) {
    avs_free(out->data);
    out->size = strlen(text);
    out->data = (uint8_t *) avs_malloc(out->size + 1);
    if (!out->data) {
        return -1;
    }
    memcpy(out->data, text, out->size);
    return 0;
}

static int base64_value(int c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* The Security Object carries DER; a PEM file is decoded here so that
 * either form can be given on the command line. */
static void pem_to_der(demo_bytes_t *bytes) {
    static const char BEGIN[] = "-----BEGIN";
    if (bytes->size < sizeof(BEGIN) ||
        memcmp(bytes->data, BEGIN, sizeof(BEGIN) - 1)) {
        return;
    }
    const char *text = (const char *) bytes->data;
    const char *end = text + bytes->size;
    const char *body = memchr(text, '\n', bytes->size);
    if (!body) {
        return;
    }
    uint8_t *der = bytes->data;
    size_t out = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (const char *p = body + 1; p < end && *p != '-'; ++p) {
        int v = base64_value((unsigned char) *p);
        if (v < 0) {
            continue;
        }
        acc = (acc << 6) | (uint32_t) v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            der[out++] = (uint8_t) (acc >> bits);
        }
    }
    bytes->size = out;
}

static int read_file(const char *path, demo_bytes_t *out) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    avs_free(out->data);
    out->data = NULL;
    out->size = 0;
    size_t capacity = 0;
    int result = 0;
    for (;;) {
        if (out->size == capacity) {
            capacity = capacity ? 2 * capacity : 4096;
            uint8_t *grown = (uint8_t *) avs_realloc(out->data, capacity);
            if (!grown) {
                result = -1;
                break;
            }
            out->data = grown;
        }
        size_t n = fread(out->data + out->size, 1, capacity - out->size, f);
        out->size += n;
        if (n == 0) {
            result = ferror(f) ? -1 : 0;
            break;
        }
    }
    fclose(f);
    if (result) {
        fprintf(stderr, "cannot read %s\n", path);
    } else {
        pem_to_der(out);
    }
    return result;
}

static int parse_ciphersuites(const char *text, demo_args_t *out) {
    avs_free(out->ciphersuites);
    out->ciphersuites = NULL;
    out->ciphersuite_count = 0;
    size_t max = 1;
    for (const char *p = text; *p; ++p) {
        max += *p == ',';
    }
    if (!(out->ciphersuites = (uint32_t *) avs_calloc(max, sizeof(uint32_t)))) {
        return -1;
    }
    const char *p = text;
    while (*p) {
        char *end;
        unsigned long id = strtoul(p, &end, 16);
        if (end == p || id > 0xFFFF || (*end && *end != ',')) {
            return -1;
        }
        out->ciphersuites[out->ciphersuite_count++] = (uint32_t) id;
        p = *end ? end + 1 : end;
    }
    return out->ciphersuite_count ? 0 : -1;
}

static int parse_mode(const char *text) {
    if (!strcmp(text, "nosec")) {
        return ANJAY_SECURITY_NOSEC;
    }
    if (!strcmp(text, "psk")) {
        return ANJAY_SECURITY_PSK;
    }
    if (!strcmp(text, "cert")) {
        return ANJAY_SECURITY_CERTIFICATE;
    }
    return -1;
}

int demo_args_parse(int argc, char **argv, demo_args_t *out) {
    enum { OPT_IDENTITY_STRING = 256, OPT_KEY_STRING, OPT_CIPHERSUITES };
    static const struct option OPTIONS[] = {
            {"endpoint-name", required_argument, NULL, 'e'},
            {"server-uri", required_argument, NULL, 'u'},
            {"security-mode", required_argument, NULL, 's'},
            {"identity", required_argument, NULL, 'i'},
            {"identity-as-string", required_argument, NULL,
             OPT_IDENTITY_STRING},
            {"key", required_argument, NULL, 'k'},
            {"key-as-string", required_argument, NULL, OPT_KEY_STRING},
            {"client-cert-file", required_argument, NULL, 'C'},
            {"key-file", required_argument, NULL, 'K'},
            {"server-public-key-file", required_argument, NULL, 'P'},
            {"bootstrap", optional_argument, NULL, 'b'},
            {"lifetime", required_argument, NULL, 'l'},
            {"port", required_argument, NULL, 'p'},
            {"confirmable-notifications", no_argument, NULL, 'N'},
            {"ciphersuites", required_argument, NULL, OPT_CIPHERSUITES},
            {"help", no_argument, NULL, 'h'},
            {NULL, 0, NULL, 0}};
    memset(out, 0, sizeof(*out));
    out->endpoint_name = "urn:dev:os:tern-demo-0001";
    out->server_uri = "coap://127.0.0.1:5683";
    out->security_mode = -1;
    out->lifetime = 86400;
    int opt;
    while ((opt = getopt_long(argc, argv, "e:u:s:i:k:C:K:P:b::l:p:Nh", OPTIONS,
                              NULL)) != -1) {
        int bad = 0;
        char *end = NULL;
        switch (opt) {
            case 'e':
                out->endpoint_name = optarg;
                break;
            case 'u':
                out->server_uri = optarg;
                break;
            case 's':
                bad = (out->security_mode = parse_mode(optarg)) < 0;
                break;
            case 'i':
                bad = parse_hex(optarg, &out->identity);
                break;
            case OPT_IDENTITY_STRING:
                bad = set_string(optarg, &out->identity);
                break;
            case 'k':
                bad = parse_hex(optarg, &out->key);
                break;
            case OPT_KEY_STRING:
                bad = set_string(optarg, &out->key);
                break;
            case 'C':
                bad = read_file(optarg, &out->client_cert);
                break;
            case 'K':
                bad = read_file(optarg, &out->client_key);
                break;
            case 'P':
                bad = read_file(optarg, &out->server_public_key);
                break;
            case 'b':
                out->bootstrap = true;
                break;
            case 'l': {
                long value = strtol(optarg, &end, 10);
                bad = *end || value <= 0 || value > INT32_MAX;
                out->lifetime = (int32_t) value;
                break;
            }
            case 'p': {
                unsigned long value = strtoul(optarg, &end, 10);
                bad = *end || value > 65535;
                out->udp_listen_port = (uint16_t) value;
                break;
            }
            case 'N':
                out->confirmable_notifications = true;
                break;
            case OPT_CIPHERSUITES:
                bad = parse_ciphersuites(optarg, out);
                break;
            case 'h':
                usage(stdout, argv[0]);
                return 1;
            default:
                usage(stderr, argv[0]);
                return -1;
        }
        if (bad) {
            const char *name = "?";
            for (size_t i = 0; OPTIONS[i].name; ++i) {
                if (OPTIONS[i].val == opt) {
                    name = OPTIONS[i].name;
                }
            }
            fprintf(stderr, "%s: bad value for --%s: %s\n", argv[0], name,
                    optarg ? optarg : "");
            return -1;
        }
    }
    if (optind < argc) {
        usage(stderr, argv[0]);
        return -1;
    }
    if (out->security_mode < 0) {
        out->security_mode =
                strncmp(out->server_uri, "coaps", 5) ? ANJAY_SECURITY_NOSEC
                : out->client_cert.size ? ANJAY_SECURITY_CERTIFICATE
                                        : ANJAY_SECURITY_PSK;
    }
    if (out->security_mode == ANJAY_SECURITY_PSK && !out->identity.size &&
        set_string(out->endpoint_name, &out->identity)) {
        return -1;
    }
    return 0;
}

void demo_args_free(demo_args_t *args) {
    demo_bytes_t *all[] = {&args->identity, &args->key, &args->client_cert,
                           &args->client_key, &args->server_public_key};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); ++i) {
        if (all[i]->data) {
            avs_crypto_clear_buffer(all[i]->data, all[i]->size);
        }
        avs_free(all[i]->data);
        all[i]->data = NULL;
        all[i]->size = 0;
    }
    avs_free(args->ciphersuites);
    args->ciphersuites = NULL;
}
