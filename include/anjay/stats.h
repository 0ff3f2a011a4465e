/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Traffic counters of the client.
 */
#ifndef ANJAY_INCLUDE_ANJAY_STATS_H
#define ANJAY_INCLUDE_ANJAY_STATS_H

#include <anjay/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Returns the number of bytes the client has sent, over all its sockets.
 *
 * @param anjay Client object.
 * @returns The byte count.
 */
uint64_t anjay_get_tx_bytes(anjay_t *anjay);

/**
 * Returns the number of bytes the client has received, over all its sockets.
 *
 * @param anjay Client object.
 * @returns The byte count.
 */
uint64_t anjay_get_rx_bytes(anjay_t *anjay);

/**
 * Returns how many duplicate CoAP messages the client has received since
 * anjay_new(), over all its connections (closed ones included): requests
 * or separate responses retransmitted by a server, answered again from the
 * message cache or ignored. Only CoAP/UDP has them.
 *
 * @param anjay Client object.
 * @returns The count.
 */
uint64_t anjay_get_num_incoming_retransmissions(anjay_t *anjay);

/**
 * Returns how many times the client has retransmitted a confirmable CoAP
 * message for want of an acknowledgement since anjay_new(), over all its
 * connections (closed ones included). Only CoAP/UDP retransmits.
 *
 * @param anjay Client object.
 * @returns The count.
 */
uint64_t anjay_get_num_outgoing_retransmissions(anjay_t *anjay);

#ifdef __cplusplus
}
#endif

#endif /* ANJAY_INCLUDE_ANJAY_STATS_H */
