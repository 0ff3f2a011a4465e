/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <math.h>

#include <avsystem/coap/udp.h>

const avs_coap_udp_tx_params_t AVS_COAP_DEFAULT_UDP_TX_PARAMS = {
        .ack_timeout = {2, 0},
        .ack_random_factor = 1.5,
        .max_retransmit = 4,
        .nstart = 1};

/* RFC 7252, 4.8.2. */
#define COAP_MAX_LATENCY_S 100

bool avs_coap_udp_tx_params_valid(const avs_coap_udp_tx_params_t *tx_params,
                                  const char **error_details) {
    const char *problem = NULL;
    if (!tx_params) {
        problem = "no parameters";
    } else if (!avs_time_duration_valid(tx_params->ack_timeout) ||
               !avs_time_duration_less(AVS_TIME_DURATION_ZERO,
                                       tx_params->ack_timeout)) {
        problem = "ack_timeout must be a positive duration";
    } else if (!isfinite(tx_params->ack_random_factor) ||
               tx_params->ack_random_factor < 1.0) {
        problem = "ack_random_factor must be at least 1";
    } else if (tx_params->max_retransmit > 30) {
        problem = "max_retransmit must be at most 30";
    } else if (tx_params->nstart == 0) {
        problem = "nstart must be at least 1";
    }
    if (error_details) {
        *error_details = problem;
    }
    return problem == NULL;
}

avs_time_duration_t
avs_coap_udp_max_transmit_span(const avs_coap_udp_tx_params_t *tx_params) {
    if (!avs_coap_udp_tx_params_valid(tx_params, NULL)) {
        return AVS_TIME_DURATION_INVALID;
    }
    double factor = (double) ((1u << tx_params->max_retransmit) - 1) *
                    tx_params->ack_random_factor;
    return avs_time_duration_fmul(tx_params->ack_timeout, factor);
}

avs_time_duration_t
avs_coap_udp_max_transmit_wait(const avs_coap_udp_tx_params_t *tx_params) {
    if (!avs_coap_udp_tx_params_valid(tx_params, NULL)) {
        return AVS_TIME_DURATION_INVALID;
    }
    double factor = (double) ((2u << tx_params->max_retransmit) - 1) *
                    tx_params->ack_random_factor;
    return avs_time_duration_fmul(tx_params->ack_timeout, factor);
}

avs_time_duration_t
avs_coap_udp_exchange_lifetime(const avs_coap_udp_tx_params_t *tx_params) {
    avs_time_duration_t span = avs_coap_udp_max_transmit_span(tx_params);
    avs_time_duration_t latency =
            avs_time_duration_from_scalar(2 * COAP_MAX_LATENCY_S, AVS_TIME_S);
    return avs_time_duration_add(avs_time_duration_add(span, latency),
                                 tx_params->ack_timeout);
}
