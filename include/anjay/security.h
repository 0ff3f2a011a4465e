/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The LwM2M Security Object (/0) implementation that ships with the library.
 */
#ifndef ANJAY_INCLUDE_ANJAY_SECURITY_H
#define ANJAY_INCLUDE_ANJAY_SECURITY_H

#include <anjay/dm.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * One Security Object Instance: the account of one server. Pointers are
 * deep-copied by @ref anjay_security_object_add_instance.
 */
typedef struct {
    /** Short Server ID (/0/x/10); ignored for the Bootstrap Server. */
    anjay_ssid_t ssid;
    /** LwM2M Server URI (/0/x/0). */
    const char *server_uri;
    /** Bootstrap-Server (/0/x/1). */
    bool bootstrap_server;
    /** Security Mode (/0/x/2). */
    anjay_security_mode_t security_mode;
    /** Client Hold Off Time (/0/x/11), seconds; negative: absent. */
    int32_t client_holdoff_s;
    /** Bootstrap-Server Account Timeout (/0/x/12), seconds; negative:
     * absent. */
    int32_t bootstrap_timeout_s;
    /** Public Key or Identity (/0/x/3): certificate (DER) or PSK identity. */
    const uint8_t *public_cert_or_psk_identity;
    /** Its size in bytes. */
    size_t public_cert_or_psk_identity_size;
    /** Secret Key (/0/x/5): private key (DER) or PSK. */
    const uint8_t *private_cert_or_psk_key;
    /** Its size in bytes. */
    size_t private_cert_or_psk_key_size;
    /** Server Public Key (/0/x/4). */
    const uint8_t *server_public_key;
    /** Its size in bytes. */
    size_t server_public_key_size;
    /** Matching Type (/0/x/13); NULL: absent. */
    const uint8_t *matching_type;
    /** SNI (/0/x/14); NULL: absent. */
    const char *server_name_indication;
    /** Certificate Usage (/0/x/15); NULL: absent. */
    const uint8_t *certificate_usage;
    /** DTLS/TLS Ciphersuite (/0/x/16); num_ids == 0: absent. */
    avs_net_socket_tls_ciphersuites_t ciphersuites;
} anjay_security_instance_t;

/**
 * Adds an Instance to the installed Security Object.
 *
 * @param anjay     Client object with the Security Object installed.
 * @param instance  Values of the new Instance; deep-copied.
 * @param inout_iid IID to use; ANJAY_ID_INVALID picks the lowest free one,
 *                  which is then stored here.
 * @returns 0 on success, a negative value if the values are invalid, the IID
 *          or SSID is taken, or memory ran out.
 */
int anjay_security_object_add_instance(
        anjay_t *anjay, const anjay_security_instance_t *instance,
        anjay_iid_t *inout_iid);

/**
 * Removes every Instance of the installed Security Object.
 *
 * @param anjay Client object with the Security Object installed.
 */
void anjay_security_object_purge(anjay_t *anjay);

/**
 * Writes the Instances to a stream. Not available yet: Tern has no stream
 * implementation, so this logs the cause and fails.
 *
 * @param anjay      Client object with the Security Object installed.
 * @param out_stream Destination.
 * @returns AVS_OK on success, an error otherwise.
 */
avs_error_t anjay_security_object_persist(anjay_t *anjay,
                                          avs_stream_t *out_stream);

/**
 * Replaces the Instances with ones read from a stream; on failure the
 * Object is left unchanged. Not available yet: Tern has no stream
 * implementation, so this logs the cause and fails.
 *
 * @param anjay     Client object with the Security Object installed.
 * @param in_stream Source.
 * @returns AVS_OK on success, an error otherwise.
 */
avs_error_t anjay_security_object_restore(anjay_t *anjay,
                                          avs_stream_t *in_stream);

/**
 * Tells whether the Object changed since it was installed or last persisted
 * or restored.
 *
 * @param anjay Client object with the Security Object installed.
 * @returns true if modified.
 */
bool anjay_security_object_is_modified(anjay_t *anjay);

/**
 * Installs the Security Object. It is freed by @ref anjay_delete.
 *
 * @param anjay Client object.
 * @returns 0 on success, a negative value on error (e.g. already
 *          installed).
 */
int anjay_security_object_install(anjay_t *anjay);

#ifdef __cplusplus
}
#endif

#endif /* ANJAY_INCLUDE_ANJAY_SECURITY_H */
