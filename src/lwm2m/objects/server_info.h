/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * What the session layer needs to know about the server accounts, read
 * from the Security (/0) and Server (/1) Objects through the data model,
 * so that application implementations of those Objects work as well as
 * the built-in ones.
 */
#ifndef TERN_LWM2M_SERVER_INFO_H
#define TERN_LWM2M_SERVER_INFO_H

#include <anjay/dm.h>

/** One server account: a Security Instance and, for a management server,
 * the Server Instance with the same Short Server ID. Every pointer is
 * owned (see tern_server_info_free()); absent Resources are NULL / -1. */
typedef struct {
    /** Short Server ID; ANJAY_SSID_BOOTSTRAP for the Bootstrap Server. */
    anjay_ssid_t ssid;
    /** Security Object Instance. */
    anjay_iid_t security_iid;
    /** Server Object Instance; ANJAY_ID_INVALID for the Bootstrap Server or
     * when the Server Object has no Instance for the SSID. */
    anjay_iid_t server_iid;

    /** /0/x/0 LwM2M Server URI (NUL-terminated). */
    char *uri;
    /** /0/x/2 Security Mode. */
    anjay_security_mode_t security_mode;
    /** /0/x/3 Public Key or Identity. */
    uint8_t *public_cert_or_psk_identity;
    /** Its size. */
    size_t public_cert_or_psk_identity_size;
    /** /0/x/5 Secret Key; wiped by tern_server_info_free(). */
    uint8_t *private_cert_or_psk_key;
    /** Its size. */
    size_t private_cert_or_psk_key_size;
    /** /0/x/4 Server Public Key. */
    uint8_t *server_public_key;
    /** Its size. */
    size_t server_public_key_size;
    /** /0/x/11 Client Hold Off Time, seconds. */
    int32_t client_holdoff_s;
    /** /0/x/12 Bootstrap-Server Account Timeout, seconds. */
    int32_t bootstrap_timeout_s;
    /** /0/x/13 Matching Type. */
    int32_t matching_type;
    /** /0/x/14 SNI. */
    char *server_name_indication;
    /** /0/x/15 Certificate Usage. */
    int32_t certificate_usage;
    /** /0/x/16 DTLS/TLS Ciphersuite (IANA IDs). */
    uint32_t *ciphersuites;
    /** Number of entries of @c ciphersuites. */
    size_t ciphersuite_count;

    /** /1/x/1 Lifetime, seconds. */
    int32_t lifetime;
    /** /1/x/2 Default Minimum Period. */
    int32_t default_min_period;
    /** /1/x/3 Default Maximum Period. */
    int32_t default_max_period;
    /** /1/x/5 Disable Timeout, seconds. */
    int32_t disable_timeout;
    /** /1/x/6 Notification Storing When Disabled or Offline. */
    bool notification_storing;
    /** /1/x/7 Binding (NUL-terminated). */
    char *binding;
    /** /1/x/16 Bootstrap on Registration Failure (true when absent). */
    bool bootstrap_on_registration_failure;
    /** /1/x/14, 17, 18, 19, 20, with the LwM2M defaults for absent ones. */
    anjay_communication_retry_params_t retry;
    /** /1/x/22 Preferred Transport; '\0' when absent. */
    char preferred_transport;
    /** /1/x/23 Mute Send. */
    bool mute_send;
} tern_server_info_t;

/**
 * Lists every server account: one entry per Security Instance (the
 * Bootstrap-Server account included), in ascending Security IID order.
 * Instances that cannot be read are skipped with a log line.
 *
 * @param anjay     Client object.
 * @param out       Receives an avs_malloc()ed array (NULL when empty).
 * @param out_count Receives its length.
 * @returns 0, ANJAY_ERR_NOT_FOUND without a Security Object, or
 *          ANJAY_ERR_INTERNAL on lack of memory.
 */
int tern_servers_list(anjay_t *anjay, tern_server_info_t **out,
                      size_t *out_count);

/** Frees an array from tern_servers_list(). */
void tern_servers_list_free(tern_server_info_t *list, size_t count);

/**
 * Reads one server account.
 *
 * @param anjay Client object.
 * @param ssid  Short Server ID, or ANJAY_SSID_BOOTSTRAP.
 * @param out   Receives the account; free it with tern_server_info_free().
 * @returns 0 or ANJAY_ERR_NOT_FOUND.
 */
int tern_server_info_get(anjay_t *anjay, anjay_ssid_t ssid,
                         tern_server_info_t *out);

/** Frees (and wipes the secret of) one account. */
void tern_server_info_free(tern_server_info_t *info);

/**
 * Finds the Server Object Instance of a server.
 *
 * @returns 0 or ANJAY_ERR_NOT_FOUND.
 */
int tern_server_find_iid(anjay_t *anjay, anjay_ssid_t ssid,
                         anjay_iid_t *out_iid);

/**
 * Finds the Security Object Instance of a server (ANJAY_SSID_BOOTSTRAP for
 * the Bootstrap-Server account).
 *
 * @returns 0 or ANJAY_ERR_NOT_FOUND.
 */
int tern_security_find_iid(anjay_t *anjay, anjay_ssid_t ssid,
                           anjay_iid_t *out_iid);

/**
 * Finds the Security Object Instance whose Server URI (/0/x/0) is exactly
 * @p uri (the lowest IID if several are).
 *
 * @returns 0 or ANJAY_ERR_NOT_FOUND.
 */
int tern_security_find_iid_by_uri(anjay_t *anjay, const char *uri,
                                  anjay_iid_t *out_iid);

/**
 * Short Server ID of a Security Instance: ANJAY_SSID_BOOTSTRAP for the
 * Bootstrap-Server account.
 *
 * @returns 0 or a negative error code.
 */
int tern_security_ssid(anjay_t *anjay, anjay_iid_t security_iid,
                       anjay_ssid_t *out_ssid);

#endif /* TERN_LWM2M_SERVER_INFO_H */
