/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The client object (struct anjay_struct) shared by the data model and the
 * session layer, and the few services every part of the client uses:
 * logging, installed modules, the copied configuration.
 *
 * The data model state comes first; the session layer owns the section
 * marked SESSION at the end of the struct.
 */
#ifndef TERN_LWM2M_ANJAY_CORE_H
#define TERN_LWM2M_ANJAY_CORE_H

#include <anjay/core.h>
#include <anjay/dm.h>

#include <avsystem/commons/avs_log.h>

#include "attr/attr_storage.h"
#include "dm/dm_changes.h"
#include "dm/dm_registry.h"
#include "dm/dm_transaction.h"
#include "tern_lwm2m_session_hooks.h"

/** Log line of the core of the client (module "anjay"). */
#define anjay_log(Level, ...) avs_log(anjay, Level, __VA_ARGS__)

/** Frees what a module allocated; called by anjay_delete(). */
typedef void tern_anjay_module_deleter_t(anjay_t *anjay, void *data);

/** One installed module (Security object, Server object, ...). */
typedef struct {
    /** Identifies the module kind; the address of a static object. */
    const void *key;
    /** State of the module. */
    void *data;
    /** Frees @c data. */
    tern_anjay_module_deleter_t *deleter;
} tern_anjay_module_t;

struct anjay_struct {
    /* ---- configuration, copied by anjay_new() -------------------------- */
    /** Copy of the application's configuration. Its pointer members point
     * to the copies below (or are NULL), never to application memory,
     * except the trust store descriptions, which must outlive the client. */
    anjay_configuration_t config;
    /** Owned copy of config.endpoint_name. */
    char *endpoint_name;
    /** Storage behind config.udp_tx_params. */
    avs_coap_udp_tx_params_t udp_tx_params;
    /** Storage behind config.udp_dtls_hs_tx_params. */
    avs_net_dtls_handshake_timeouts_t udp_dtls_hs_tx_params;
    /** Storage behind config.lwm2m_version_config. */
    anjay_lwm2m_version_config_t lwm2m_version_config;
    /** Owned copy of config.default_tls_ciphersuites.ids. */
    uint32_t *default_ciphersuite_ids;

    /* ---- services ------------------------------------------------------ */
    /** Jobs of the whole client. */
    avs_sched_t *sched;
    /** Randomness; created by anjay_new() unless the application gave one. */
    avs_crypto_prng_ctx_t *prng;
    /** Whether @c prng was created here and must be freed here. */
    bool owns_prng;
    /** Installed modules, in installation order. */
    AVS_LIST(tern_anjay_module_t) modules;

    /* ---- data model ---------------------------------------------------- */
    /** Registered Objects. */
    tern_dm_registry_t dm;
    /** The transaction spanning the current modifying operation(s). */
    tern_dm_transaction_t transaction;
    /** Changes waiting to be handed to the session layer. */
    tern_dm_changes_t changes;
    /** Notification attributes set by servers. */
    tern_attr_storage_t attr_storage;
    /** Calls into the session layer. */
    tern_session_hooks_t session_hooks;
    /** Memory behind the anjay_security_config_t handed out last. */
    struct tern_security_config_cache_struct *security_config_cache;

    /* ---- SESSION ------------------------------------------------------- */
    /* Registration, bootstrap, connections, observations, Send and the
     * event loop keep their state here. anjay_new() zero-fills the whole
     * struct; add initialisation and cleanup to the marked places in
     * anjay_core.c. */
    /** Opaque state of the session layer; NULL until it creates it. */
    struct tern_session_struct *session;
};

/**
 * Creates the session state of a new client (session/session_core.c).
 * Connections are planned when server accounts appear in the data model
 * (their changes are delivered by the scheduler).
 *
 * @param anjay Client object, configuration copied.
 * @returns 0, or -1 on an invalid configuration or lack of memory (logged).
 */
int tern_session_init(anjay_t *anjay);

/**
 * De-registers from the registered servers (waiting a few seconds at most)
 * and frees the session state. Does nothing if there is none.
 *
 * @param anjay Client object.
 */
void tern_session_cleanup(anjay_t *anjay);

/**
 * Creates a client object without validating or copying anything beyond
 * the data model needs: a bare context for data model tests and tools.
 * Equivalent to anjay_new() with a configuration holding only the endpoint
 * name "tern-dm".
 *
 * @returns The client, or NULL on lack of memory.
 */
anjay_t *tern_anjay_new_bare(void);

/**
 * Records a module so that anjay_delete() frees it (modules are freed in
 * reverse installation order, before the data model).
 *
 * @param anjay   Client object.
 * @param key     Identifies the module kind; must not be installed yet.
 * @param data    State of the module.
 * @param deleter Frees @p data.
 * @returns 0, or a negative value if @p key is installed already or memory
 *          ran out (the cause is logged).
 */
int tern_anjay_module_install(anjay_t *anjay, const void *key, void *data,
                              tern_anjay_module_deleter_t *deleter);

/**
 * Returns the state of an installed module.
 *
 * @param anjay Client object.
 * @param key   The key given to tern_anjay_module_install().
 * @returns The module's data, or NULL if it is not installed.
 */
void *tern_anjay_module_get(anjay_t *anjay, const void *key);

/**
 * The protocol versions the client may use, from the configuration.
 *
 * @param anjay Client object.
 * @returns Never NULL.
 */
const anjay_lwm2m_version_config_t *tern_anjay_version_config(anjay_t *anjay);

#endif /* TERN_LWM2M_ANJAY_CORE_H */
