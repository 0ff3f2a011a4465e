/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_utils.h>

#include "anjay_core.h"
#include "objects/security_config.h"

const anjay_transport_set_t ANJAY_TRANSPORT_SET_ALL = {true, true};
const anjay_transport_set_t ANJAY_TRANSPORT_SET_IP = {true, true};
const anjay_transport_set_t ANJAY_TRANSPORT_SET_UDP = {true, false};
const anjay_transport_set_t ANJAY_TRANSPORT_SET_TCP = {false, true};

const char *anjay_get_version(void) {
    return ANJAY_VERSION;
}

/* Copies what the configuration points to, so that the application may
 * release its own copies once anjay_new() returns. */
static int copy_config(anjay_t *anjay, const anjay_configuration_t *config) {
    anjay->config = *config;
    if (!(anjay->endpoint_name = avs_strdup(config->endpoint_name))) {
        anjay_log(ERROR, "out of memory copying the endpoint name");
        return -1;
    }
    anjay->config.endpoint_name = anjay->endpoint_name;
    if (config->udp_tx_params) {
        anjay->udp_tx_params = *config->udp_tx_params;
        anjay->config.udp_tx_params = &anjay->udp_tx_params;
    }
    if (config->udp_dtls_hs_tx_params) {
        anjay->udp_dtls_hs_tx_params = *config->udp_dtls_hs_tx_params;
        anjay->config.udp_dtls_hs_tx_params = &anjay->udp_dtls_hs_tx_params;
    }
    if (config->lwm2m_version_config) {
        if (config->lwm2m_version_config->minimum_version >
            config->lwm2m_version_config->maximum_version) {
            anjay_log(ERROR, "lwm2m_version_config: minimum above maximum");
            return -1;
        }
        anjay->lwm2m_version_config = *config->lwm2m_version_config;
    } else {
        anjay->lwm2m_version_config.minimum_version = ANJAY_LWM2M_VERSION_1_0;
        anjay->lwm2m_version_config.maximum_version = ANJAY_LWM2M_VERSION_1_1;
    }
    anjay->config.lwm2m_version_config = &anjay->lwm2m_version_config;
    size_t suites = config->default_tls_ciphersuites.num_ids;
    if (suites) {
        if (!config->default_tls_ciphersuites.ids ||
            !(anjay->default_ciphersuite_ids =
                      (uint32_t *) avs_calloc(suites, sizeof(uint32_t)))) {
            anjay_log(ERROR, "cannot copy default_tls_ciphersuites");
            return -1;
        }
        memcpy(anjay->default_ciphersuite_ids,
               config->default_tls_ciphersuites.ids, suites * sizeof(uint32_t));
        anjay->config.default_tls_ciphersuites.ids =
                anjay->default_ciphersuite_ids;
    }
    return 0;
}

static int create_services(anjay_t *anjay) {
    if (!(anjay->sched = avs_sched_new("anjay", anjay))) {
        anjay_log(ERROR, "cannot create the scheduler");
        return -1;
    }
    if (anjay->config.prng_ctx) {
        anjay->prng = anjay->config.prng_ctx;
    } else {
        if (!(anjay->prng = avs_crypto_prng_new(NULL, NULL))) {
            anjay_log(ERROR, "cannot create the PRNG");
            return -1;
        }
        anjay->owns_prng = true;
    }
    return 0;
}

anjay_t *anjay_new(const anjay_configuration_t *config) {
    if (!config || !config->endpoint_name) {
        anjay_log(ERROR, "anjay_new: the endpoint name is required");
        return NULL;
    }
    anjay_t *anjay = (anjay_t *) avs_calloc(1, sizeof(anjay_t));
    if (!anjay) {
        anjay_log(ERROR, "out of memory creating the client");
        return NULL;
    }
    if (copy_config(anjay, config) || create_services(anjay)) {
        anjay_delete(anjay);
        return NULL;
    }
    /* SESSION: initialise the session state here; on failure call
     * anjay_delete(anjay) and return NULL. */
    if (tern_session_init(anjay)) {
        anjay_delete(anjay);
        return NULL;
    }
    return anjay;
}

anjay_t *tern_anjay_new_bare(void) {
    const anjay_configuration_t config = {.endpoint_name = "tern-dm"};
    return anjay_new(&config);
}

void anjay_delete(anjay_t *anjay) {
    if (!anjay) {
        return;
    }
    /* SESSION: deregister and free the session state here, while the data
     * model and the installed Objects are still usable. */
    tern_session_cleanup(anjay);
    while (anjay->modules) {
        /* Newest first: later modules may depend on earlier ones. */
        AVS_LIST(tern_anjay_module_t) *last = &anjay->modules;
        while (AVS_LIST_NEXT(*last)) {
            last = AVS_LIST_NEXT_PTR(last);
        }
        tern_anjay_module_t module = **last;
        AVS_LIST_DELETE(last);
        module.deleter(anjay, module.data);
    }
    tern_dm_changes_cleanup(&anjay->changes);
    tern_dm_transaction_cleanup(&anjay->transaction);
    tern_dm_registry_cleanup(&anjay->dm);
    tern_attr_storage_cleanup(&anjay->attr_storage);
    tern_security_config_cache_free(anjay);
    avs_sched_cleanup(&anjay->sched);
    if (anjay->owns_prng) {
        avs_crypto_prng_free(&anjay->prng);
    }
    avs_free(anjay->default_ciphersuite_ids);
    avs_free(anjay->endpoint_name);
    avs_free(anjay);
}

int tern_anjay_module_install(anjay_t *anjay, const void *key, void *data,
                              tern_anjay_module_deleter_t *deleter) {
    if (tern_anjay_module_get(anjay, key)) {
        anjay_log(ERROR, "module installed twice");
        return -1;
    }
    AVS_LIST(tern_anjay_module_t)
    module = AVS_LIST_NEW_ELEMENT(tern_anjay_module_t);
    if (!module) {
        anjay_log(ERROR, "out of memory installing a module");
        return -1;
    }
    module->key = key;
    module->data = data;
    module->deleter = deleter;
    AVS_LIST_APPEND(&anjay->modules, module);
    return 0;
}

void *tern_anjay_module_get(anjay_t *anjay, const void *key) {
    AVS_LIST(tern_anjay_module_t) module;
    AVS_LIST_FOREACH(module, anjay->modules) {
        if (module->key == key) {
            return module->data;
        }
    }
    return NULL;
}

const anjay_lwm2m_version_config_t *tern_anjay_version_config(anjay_t *anjay) {
    return &anjay->lwm2m_version_config;
}

void tern_session_hooks_set(anjay_t *anjay, const tern_session_hooks_t *hooks) {
    if (hooks) {
        anjay->session_hooks = *hooks;
    } else {
        memset(&anjay->session_hooks, 0, sizeof(anjay->session_hooks));
    }
}

avs_sched_t *anjay_get_scheduler(anjay_t *anjay) {
    return anjay ? anjay->sched : NULL;
}

int anjay_sched_time_to_next(anjay_t *anjay, avs_time_duration_t *out_delay) {
    avs_time_duration_t delay = avs_sched_time_to_next(anjay->sched);
    if (!avs_time_duration_valid(delay)) {
        return -1;
    }
    *out_delay = delay;
    return 0;
}

int anjay_sched_time_to_next_ms(anjay_t *anjay, int *out_delay_ms) {
    avs_time_duration_t delay;
    int result = anjay_sched_time_to_next(anjay, &delay);
    if (!result) {
        int64_t ms;
        /* Round up: waking early only to find nothing due wastes a loop. */
        delay = avs_time_duration_add(
                delay, avs_time_duration_from_scalar(999999, AVS_TIME_NS));
        avs_time_duration_to_scalar(&ms, AVS_TIME_MS, delay);
        *out_delay_ms = ms > INT32_MAX ? INT32_MAX : (int) ms;
    }
    return result;
}

int anjay_sched_calculate_wait_time_ms(anjay_t *anjay, int limit_ms) {
    int delay_ms;
    if (!anjay_sched_time_to_next_ms(anjay, &delay_ms) && delay_ms < limit_ms) {
        return delay_ms;
    }
    return limit_ms;
}

void anjay_sched_run(anjay_t *anjay) {
    avs_sched_run(anjay->sched);
}

bool anjay_binding_mode_valid(const char *binding_mode) {
    if (!binding_mode || !*binding_mode) {
        return false;
    }
    for (const char *p = binding_mode; *p; ++p) {
        if (!strchr("UTSNQ", *p) || strchr(p + 1, *p)) {
            return false;
        }
    }
    return true;
}
