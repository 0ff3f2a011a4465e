/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_net.h
 * Everything of the socket API in one include.
 */
#ifndef AVS_COMMONS_NET_H
#define AVS_COMMONS_NET_H

#include <avsystem/commons/avs_addrinfo.h>
#include <avsystem/commons/avs_socket.h>
#include <avsystem/commons/avs_socket_v_table.h>

#endif /* AVS_COMMONS_NET_H */
