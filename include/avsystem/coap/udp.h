/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file udp.h
 * Transmission parameters of CoAP over UDP and DTLS (RFC 7252, 4.8).
 */
#ifndef AVSYSTEM_COAP_UDP_H
#define AVSYSTEM_COAP_UDP_H

#include <avsystem/commons/avs_defs.h>
#include <avsystem/commons/avs_time.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * How confirmable messages are retransmitted. The first wait is a random
 * duration between @c ack_timeout and @c ack_timeout * @c ack_random_factor;
 * each retransmission doubles it, up to @c max_retransmit retransmissions.
 * @c nstart bounds the number of confirmable messages in flight at once.
 */
typedef struct {
    /** ACK_TIMEOUT; RFC 7252 default 2 s. */
    avs_time_duration_t ack_timeout;
    /** ACK_RANDOM_FACTOR, at least 1.0; default 1.5. */
    double ack_random_factor;
    /** MAX_RETRANSMIT; default 4. */
    unsigned max_retransmit;
    /** NSTART, at least 1; default 1. */
    size_t nstart;
} avs_coap_udp_tx_params_t;

/** The RFC 7252 defaults: 2 s, 1.5, 4, 1. */
extern const avs_coap_udp_tx_params_t AVS_COAP_DEFAULT_UDP_TX_PARAMS;

/**
 * Checks that @p tx_params make sense: a positive, valid @c ack_timeout, a
 * finite @c ack_random_factor of at least 1, @c max_retransmit of at most 30
 * (so that the doubled timeouts cannot overflow) and a non-zero @c nstart.
 *
 * @param tx_params     Parameters to check; NULL is invalid.
 * @param error_details If not NULL, set to a static description of the first
 *                      problem found, or to NULL when the parameters are
 *                      valid.
 * @returns true if the parameters are usable.
 */
bool avs_coap_udp_tx_params_valid(const avs_coap_udp_tx_params_t *tx_params,
                                  const char **error_details);

/**
 * MAX_TRANSMIT_SPAN of RFC 7252: the longest time from the first
 * transmission of a confirmable message to its last retransmission.
 * Invalid if @p tx_params are.
 */
avs_time_duration_t
avs_coap_udp_max_transmit_span(const avs_coap_udp_tx_params_t *tx_params);

/**
 * MAX_TRANSMIT_WAIT of RFC 7252: the longest time from the first
 * transmission of a confirmable message until the sender gives up waiting
 * for an acknowledgement. Invalid if @p tx_params are.
 */
avs_time_duration_t
avs_coap_udp_max_transmit_wait(const avs_coap_udp_tx_params_t *tx_params);

/**
 * EXCHANGE_LIFETIME of RFC 7252 (MAX_TRANSMIT_SPAN + 2 * MAX_LATENCY +
 * PROCESSING_DELAY, with MAX_LATENCY = 100 s and PROCESSING_DELAY =
 * ACK_TIMEOUT): how long a message ID must not be reused and how long
 * duplicates of a request are recognised. Invalid if @p tx_params are.
 */
avs_time_duration_t
avs_coap_udp_exchange_lifetime(const avs_coap_udp_tx_params_t *tx_params);

#ifdef __cplusplus
}
#endif

#endif /* AVSYSTEM_COAP_UDP_H */
