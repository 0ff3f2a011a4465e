/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Loading certificates, CRLs and private keys from every kind of data source:
 * files and buffers in PEM (any number of objects) or DER (detected by the
 * absence of a PEM header), directories of such files, and arrays and lists
 * of further sources. Every object found is handed to a sink, which takes
 * its own reference if it keeps it.
 */
#include "openssl_socket.h"

#include <avsystem/commons/avs_list.h>
#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

/* Arrays and lists may point at each other; this bounds the recursion. */
#define MAX_NESTING 8
/* A system trust bundle is a few hundred kilobytes. */
#define MAX_FILE_SIZE (16 * 1024 * 1024)

typedef enum { KIND_CERT, KIND_CRL, KIND_KEY } object_kind_t;

typedef struct {
    object_kind_t kind;
    tern_tls_cert_sink_t *cert_sink;
    tern_tls_crl_sink_t *crl_sink;
    void *arg;
    EVP_PKEY *key;
    size_t found;
} loader_t;

static const char *kind_name(object_kind_t kind) {
    switch (kind) {
        case KIND_CERT:
            return "certificate";
        case KIND_CRL:
            return "CRL";
        default:
            return "private key";
    }
}

static int password_callback(char *buf, int size, int rwflag, void *user) {
    (void) rwflag;
    const char *password = (const char *) user;
    /* Returning 0 without a password keeps OpenSSL from prompting on the
     * terminal. */
    if (!password) {
        return 0;
    }
    size_t length = strlen(password);
    if (length > (size_t) size) {
        return 0;
    }
    memcpy(buf, password, length);
    return (int) length;
}

static bool contains(const unsigned char *data, size_t size,
                     const char *needle) {
    size_t length = strlen(needle);
    for (size_t i = 0; i + length <= size; ++i) {
        if (data[i] == (unsigned char) needle[0] &&
            !memcmp(data + i, needle, length)) {
            return true;
        }
    }
    return false;
}

static bool looks_like_pem(const unsigned char *data, size_t size) {
    return contains(data, size, "-----BEGIN ");
}

static avs_error_t hand_over_cert(loader_t *loader, X509 *cert) {
    avs_error_t err = loader->cert_sink(loader->arg, cert);
    X509_free(cert);
    ++loader->found;
    return err;
}

static avs_error_t hand_over_crl(loader_t *loader, X509_CRL *crl) {
    avs_error_t err = loader->crl_sink(loader->arg, crl);
    X509_CRL_free(crl);
    ++loader->found;
    return err;
}

static avs_error_t parse_pem(loader_t *loader, BIO *bio, const char *password) {
    avs_error_t err = AVS_OK;
    switch (loader->kind) {
        case KIND_CERT: {
            X509 *cert;
            while (avs_is_ok(err) &&
                   (cert = PEM_read_bio_X509(bio, NULL, password_callback,
                                             NULL))) {
                err = hand_over_cert(loader, cert);
            }
            break;
        }
        case KIND_CRL: {
            X509_CRL *crl;
            while (avs_is_ok(err) &&
                   (crl = PEM_read_bio_X509_CRL(bio, NULL, password_callback,
                                                NULL))) {
                err = hand_over_crl(loader, crl);
            }
            break;
        }
        case KIND_KEY:
            loader->key = PEM_read_bio_PrivateKey(bio, NULL, password_callback,
                                                  (void *) (intptr_t) password);
            loader->found += loader->key ? 1 : 0;
            break;
    }
    return err;
}

static avs_error_t parse_der(loader_t *loader, BIO *bio,
                             const unsigned char *data, size_t size,
                             const char *password) {
    const unsigned char *p = data;
    const unsigned char *end = data + size;
    avs_error_t err = AVS_OK;
    switch (loader->kind) {
        case KIND_CERT:
            /* Concatenated DER certificates are accepted too. */
            while (avs_is_ok(err) && p < end) {
                X509 *cert = d2i_X509(NULL, &p, (long) (end - p));
                if (!cert) {
                    break;
                }
                err = hand_over_cert(loader, cert);
            }
            break;
        case KIND_CRL:
            while (avs_is_ok(err) && p < end) {
                X509_CRL *crl = d2i_X509_CRL(NULL, &p, (long) (end - p));
                if (!crl) {
                    break;
                }
                err = hand_over_crl(loader, crl);
            }
            break;
        case KIND_KEY:
            loader->key = d2i_AutoPrivateKey(NULL, &p, (long) size);
            if (!loader->key && password) {
                /* Encrypted PKCS#8. */
                ERR_clear_error();
                loader->key =
                        d2i_PKCS8PrivateKey_bio(bio, NULL, password_callback,
                                                (void *) (intptr_t) password);
            }
            loader->found += loader->key ? 1 : 0;
            break;
    }
    return err;
}

static avs_error_t parse_blob(loader_t *loader, const unsigned char *data,
                              size_t size, const char *password,
                              const char *origin, bool required) {
    if (size > INT_MAX) {
        avs_log(tls, ERROR, "%s is too large", origin);
        return avs_errno(AVS_EINVAL);
    }
    BIO *bio = BIO_new_mem_buf(data, (int) size);
    if (!bio) {
        return tern_tls_library_error("cannot create a memory BIO");
    }
    size_t found_before = loader->found;
    avs_error_t err = looks_like_pem(data, size)
                              ? parse_pem(loader, bio, password)
                              : parse_der(loader, bio, data, size, password);
    BIO_free(bio);
    if (avs_is_err(err)) {
        return err;
    }
    if (loader->found == found_before && required) {
        if (loader->kind == KIND_KEY &&
            (contains(data, size, "ENCRYPTED") ||
             (password && !looks_like_pem(data, size)))) {
            avs_log(tls, ERROR, "cannot decrypt the private key in %s: %s",
                    origin, password ? "wrong password" : "no password given");
        } else {
            avs_log(tls, ERROR, "no %s found in %s", kind_name(loader->kind),
                    origin);
        }
        ERR_clear_error();
        return avs_errno(AVS_EINVAL);
    }
    /* The end of a PEM sequence is reported as an error. */
    ERR_clear_error();
    return AVS_OK;
}

static avs_error_t read_file(const char *path, unsigned char **out_data,
                             size_t *out_size) {
    FILE *file = fopen(path, "rb");
    if (!file) {
        avs_log(tls, ERROR, "cannot open %s: %s", path, strerror(errno));
        return avs_errno(errno == ENOENT ? AVS_ENOENT : AVS_EIO);
    }
    size_t capacity = 4096;
    size_t size = 0;
    unsigned char *data = (unsigned char *) avs_malloc(capacity);
    avs_error_t err = AVS_OK;
    while (data) {
        size += fread(data + size, 1, capacity - size, file);
        if (size < capacity) {
            break;
        }
        if (capacity >= MAX_FILE_SIZE) {
            avs_log(tls, ERROR, "%s is larger than %d bytes", path,
                    MAX_FILE_SIZE);
            err = avs_errno(AVS_EFBIG);
            break;
        }
        unsigned char *bigger = (unsigned char *) avs_malloc(capacity * 2);
        if (bigger) {
            memcpy(bigger, data, size);
        }
        /* Not realloc: the old copy may hold a key and must be wiped. */
        avs_crypto_clear_buffer(data, size);
        avs_free(data);
        data = bigger;
        capacity *= 2;
    }
    if (avs_is_ok(err) && !data) {
        avs_log(tls, ERROR, "out of memory reading %s", path);
        err = avs_errno(AVS_ENOMEM);
    } else if (avs_is_ok(err) && ferror(file)) {
        avs_log(tls, ERROR, "cannot read %s", path);
        err = avs_errno(AVS_EIO);
    }
    fclose(file);
    if (avs_is_err(err) && data) {
        avs_crypto_clear_buffer(data, size);
        avs_free(data);
        data = NULL;
    }
    *out_data = data;
    *out_size = size;
    return err;
}

static avs_error_t load_file(loader_t *loader, const char *path,
                             const char *password, bool required) {
    unsigned char *data = NULL;
    size_t size = 0;
    avs_error_t err = read_file(path, &data, &size);
    if (avs_is_ok(err)) {
        err = parse_blob(loader, data, size, password, path, required);
        avs_crypto_clear_buffer(data, size);
        avs_free(data);
    }
    return err;
}

static avs_error_t load_directory(loader_t *loader, const char *path) {
    DIR *dir = opendir(path);
    if (!dir) {
        avs_log(tls, ERROR, "cannot open directory %s: %s", path,
                strerror(errno));
        return avs_errno(AVS_EIO);
    }
    avs_error_t err = AVS_OK;
    struct dirent *entry;
    while (avs_is_ok(err) && (entry = readdir(dir))) {
        if (entry->d_name[0] == '.') {
            continue;
        }
        size_t length = strlen(path) + strlen(entry->d_name) + 2;
        char *file = (char *) avs_malloc(length);
        if (!file) {
            avs_log(tls, ERROR, "out of memory");
            err = avs_errno(AVS_ENOMEM);
            break;
        }
        snprintf(file, length, "%s/%s", path, entry->d_name);
        struct stat info;
        /* Files that hold no object of the kind sought (a README, a key
         * next to certificates) are skipped, as a directory of trust
         * anchors is expected to contain. */
        if (!stat(file, &info) && S_ISREG(info.st_mode)) {
            err = load_file(loader, file, NULL, false);
        }
        avs_free(file);
    }
    closedir(dir);
    return err;
}

static avs_error_t load_any(loader_t *loader,
                            const avs_crypto_security_info_union_t *desc,
                            int depth) {
    if (depth > MAX_NESTING) {
        avs_log(tls, ERROR, "%s sources nested too deeply",
                kind_name(loader->kind));
        return avs_errno(AVS_EINVAL);
    }
    switch (desc->source) {
        case AVS_CRYPTO_DATA_SOURCE_EMPTY:
            return AVS_OK;
        case AVS_CRYPTO_DATA_SOURCE_FILE:
            if (!desc->info.file.filename) {
                break;
            }
            return load_file(loader, desc->info.file.filename,
                             desc->info.file.password, true);
        case AVS_CRYPTO_DATA_SOURCE_PATH:
            if (!desc->info.path.path || loader->kind == KIND_KEY) {
                break;
            }
            return load_directory(loader, desc->info.path.path);
        case AVS_CRYPTO_DATA_SOURCE_BUFFER:
            if (!desc->info.buffer.buffer) {
                break;
            }
            return parse_blob(loader,
                              (const unsigned char *) desc->info.buffer.buffer,
                              desc->info.buffer.buffer_size,
                              desc->info.buffer.password, "buffer", true);
        case AVS_CRYPTO_DATA_SOURCE_ARRAY:
            if (loader->kind == KIND_KEY || (!desc->info.array.array_ptr &&
                                             desc->info.array.element_count)) {
                break;
            }
            for (size_t i = 0; i < desc->info.array.element_count; ++i) {
                avs_error_t err = load_any(
                        loader, &desc->info.array.array_ptr[i], depth + 1);
                if (avs_is_err(err)) {
                    return err;
                }
            }
            return AVS_OK;
        case AVS_CRYPTO_DATA_SOURCE_LIST: {
            if (loader->kind == KIND_KEY) {
                break;
            }
            const avs_crypto_security_info_union_t *element;
            AVS_LIST_FOREACH(element, desc->info.list.list_head) {
                avs_error_t err = load_any(loader, element, depth + 1);
                if (avs_is_err(err)) {
                    return err;
                }
            }
            return AVS_OK;
        }
        default:
            avs_log(tls, ERROR, "%s source %d is not supported",
                    kind_name(loader->kind), (int) desc->source);
            return avs_errno(AVS_ENOTSUP);
    }
    avs_log(tls, ERROR, "invalid %s source %d", kind_name(loader->kind),
            (int) desc->source);
    return avs_errno(AVS_EINVAL);
}

avs_error_t tern_tls_load_certs(const avs_crypto_security_info_union_t *desc,
                                tern_tls_cert_sink_t *sink, void *arg) {
    loader_t loader;
    memset(&loader, 0, sizeof(loader));
    loader.kind = KIND_CERT;
    loader.cert_sink = sink;
    loader.arg = arg;
    return load_any(&loader, desc, 0);
}

avs_error_t tern_tls_load_crls(const avs_crypto_security_info_union_t *desc,
                               tern_tls_crl_sink_t *sink, void *arg) {
    loader_t loader;
    memset(&loader, 0, sizeof(loader));
    loader.kind = KIND_CRL;
    loader.crl_sink = sink;
    loader.arg = arg;
    return load_any(&loader, desc, 0);
}

avs_error_t
tern_tls_load_private_key(const avs_crypto_security_info_union_t *desc,
                          EVP_PKEY **out_key) {
    loader_t loader;
    memset(&loader, 0, sizeof(loader));
    loader.kind = KIND_KEY;
    *out_key = NULL;
    if (desc->source == AVS_CRYPTO_DATA_SOURCE_EMPTY) {
        avs_log(tls, ERROR, "client certificate given without a private key");
        return avs_errno(AVS_EINVAL);
    }
    avs_error_t err = load_any(&loader, desc, 0);
    if (avs_is_ok(err)) {
        *out_key = loader.key;
    } else {
        EVP_PKEY_free(loader.key);
    }
    return err;
}
