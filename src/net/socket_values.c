/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Plain values of the socket API: default timeouts, security information
 * constructors, and the deep copy of DANE TLSA records.
 */
#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_socket.h>

#include <stdint.h>
#include <string.h>

const avs_time_duration_t AVS_NET_SOCKET_DEFAULT_RECV_TIMEOUT = {30, 0};

const avs_net_dtls_handshake_timeouts_t
        AVS_NET_SOCKET_DEFAULT_DTLS_HANDSHAKE_TIMEOUTS = {{1, 0}, {60, 0}};

avs_net_security_info_t avs_net_security_info_from_psk(avs_net_psk_info_t psk) {
    avs_net_security_info_t result;
    memset(&result, 0, sizeof(result));
    result.mode = AVS_NET_SECURITY_PSK;
    result.data.psk = psk;
    return result;
}

avs_net_security_info_t
avs_net_security_info_from_certificates(avs_net_certificate_info_t info) {
    avs_net_security_info_t result;
    memset(&result, 0, sizeof(result));
    result.mode = AVS_NET_SECURITY_CERTIFICATE;
    result.data.cert = info;
    return result;
}

avs_net_socket_dane_tlsa_record_t *
avs_net_socket_dane_tlsa_array_copy(avs_net_socket_dane_tlsa_array_t in_array) {
    if (!in_array.array_ptr || !in_array.array_element_count) {
        return NULL;
    }
    const size_t count = in_array.array_element_count;
    if (count > SIZE_MAX / sizeof(avs_net_socket_dane_tlsa_record_t)) {
        avs_log(net, ERROR, "TLSA copy: %zu records overflow the size", count);
        return NULL;
    }
    /* Records first (the allocation is suitably aligned for them), then
     * every record's data, byte-aligned, in the same block. */
    size_t total = count * sizeof(avs_net_socket_dane_tlsa_record_t);
    for (size_t i = 0; i < count; ++i) {
        size_t data_size = in_array.array_ptr[i].association_data_size;
        if (data_size && !in_array.array_ptr[i].association_data) {
            avs_log(net, ERROR, "TLSA copy: record %zu has size but no data",
                    i);
            return NULL;
        }
        if (data_size > SIZE_MAX - total) {
            avs_log(net, ERROR, "TLSA copy: data sizes overflow the size");
            return NULL;
        }
        total += data_size;
    }
    avs_net_socket_dane_tlsa_record_t *copy =
            (avs_net_socket_dane_tlsa_record_t *) avs_malloc(total);
    if (!copy) {
        avs_log(net, ERROR, "TLSA copy: out of memory for %zu bytes", total);
        return NULL;
    }
    char *data = (char *) (copy + count);
    for (size_t i = 0; i < count; ++i) {
        copy[i] = in_array.array_ptr[i];
        if (copy[i].association_data_size) {
            memcpy(data, in_array.array_ptr[i].association_data,
                   copy[i].association_data_size);
            copy[i].association_data = data;
            data += copy[i].association_data_size;
        } else {
            copy[i].association_data = NULL;
        }
    }
    return copy;
}
