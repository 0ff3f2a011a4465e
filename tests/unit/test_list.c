/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_list.h>
#include <avsystem/commons/avs_memory.h>

#include "tern_test.h"

static AVS_LIST(int) make_list(const int *values, size_t count) {
    AVS_LIST(int) list = NULL;
    size_t i;
    for (i = 0; i < count; ++i) {
        int *element = AVS_LIST_APPEND_NEW(int, &list);
        if (!element) {
            AVS_LIST_CLEAR(&list);
            return NULL;
        }
        *element = values[i];
    }
    return list;
}

/* 1 if @p list holds exactly @p values, in order. */
static int list_equals(AVS_LIST(int) list, const int *values, size_t count) {
    size_t i = 0;
    int *element;
    AVS_LIST_FOREACH(element, list) {
        if (i >= count || *element != values[i]) {
            return 0;
        }
        ++i;
    }
    return i == count;
}

static void new_element_is_zeroed_and_aligned(void) {
    typedef struct {
        char c;
        long double ld;
        char tail[37];
    } odd_t;
    AVS_LIST(odd_t) list = NULL;
    AVS_LIST(odd_t) prev_head = NULL;
    int i;
    size_t j;
    for (i = 0; i < 8; ++i) {
        odd_t *element = AVS_LIST_INSERT_NEW(odd_t, &list);
        TT_CHECK(element);
        TT_EQ((uintptr_t) element % sizeof(avs_max_align_t), 0);
        for (j = 0; j < sizeof(element->tail); ++j) {
            TT_EQ(element->tail[j], 0);
        }
        TT_CHECK(element == list);
        TT_CHECK(AVS_LIST_NEXT(element) == prev_head);
        prev_head = element;
    }
    TT_EQ(AVS_LIST_SPACE_FOR_NEXT__ % sizeof(avs_max_align_t), 0);
    TT_CHECK(AVS_LIST_SPACE_FOR_NEXT__ >= sizeof(void *));
    AVS_LIST_CLEAR(&list);
    TT_CHECK(list == NULL);
    {
        void *buffer = AVS_LIST_NEW_BUFFER(3);
        TT_CHECK(buffer);
        TT_EQ((uintptr_t) buffer % sizeof(avs_max_align_t), 0);
        AVS_LIST_DELETE(&buffer);
        TT_CHECK(buffer == NULL);
    }
}

static void append_insert_size(void) {
    static const int EXPECTED[] = {0, 1, 2, 3};
    static const int WITH_LIST[] = {0, 10, 11, 12, 1, 2, 3};
    static const int MORE[] = {10, 11, 12};
    AVS_LIST(int) list = NULL;
    AVS_LIST(int) other = make_list(MORE, 3);
    int *element;
    TT_EQ(AVS_LIST_SIZE(list), 0);
    TT_CHECK(AVS_LIST_TAIL(list) == NULL);
    element = AVS_LIST_NEW_ELEMENT(int);
    *element = 2;
    TT_CHECK(AVS_LIST_APPEND(&list, element) == element);
    *AVS_LIST_APPEND_NEW(int, &list) = 3;
    *AVS_LIST_INSERT_NEW(int, &list) = 1;
    *AVS_LIST_INSERT_NEW(int, &list) = 0;
    TT_CHECK(list_equals(list, EXPECTED, 4));
    TT_EQ(AVS_LIST_SIZE(list), 4);
    TT_EQ(*AVS_LIST_TAIL(list), 3);

    /* Inserting a whole list splices it in: its tail links to what was at
     * the destination. */
    TT_CHECK(other);
    TT_CHECK(AVS_LIST_INSERT(AVS_LIST_NEXT_PTR(&list), other) == other);
    TT_CHECK(list_equals(list, WITH_LIST, 7));
    TT_CHECK(AVS_LIST_INSERT(&list, (int *) NULL) == NULL);
    TT_EQ(AVS_LIST_SIZE(list), 7);

    *AVS_LIST_APPEND_PTR(&list) = AVS_LIST_NEW_ELEMENT(int);
    TT_EQ(AVS_LIST_SIZE(list), 8);
    AVS_LIST_CLEAR(&list);
    TT_EQ(AVS_LIST_SIZE(list), 0);
}

static void append_list(void) {
    static const int A[] = {1, 2};
    static const int B[] = {3, 4, 5};
    static const int ALL[] = {1, 2, 3, 4, 5};
    AVS_LIST(int) list = make_list(A, 2);
    AVS_LIST(int) tail = make_list(B, 3);
    TT_CHECK(AVS_LIST_APPEND(&list, tail) == tail);
    TT_CHECK(list_equals(list, ALL, 5));
    AVS_LIST_CLEAR(&list);
}

static void detach_and_delete(void) {
    static const int VALUES[] = {1, 2, 3, 4};
    static const int AFTER[] = {1, 4};
    AVS_LIST(int) list = make_list(VALUES, 4);
    AVS_LIST(int) *second = AVS_LIST_NEXT_PTR(&list);
    AVS_LIST(int) detached = AVS_LIST_DETACH(second);
    TT_EQ(*detached, 2);
    TT_CHECK(AVS_LIST_NEXT(detached) == NULL);
    TT_EQ(**second, 3);
    AVS_LIST_DELETE(second);
    TT_CHECK(list_equals(list, AFTER, 2));
    AVS_LIST_DELETE(&detached);
    TT_CHECK(detached == NULL);
    /* Deleting at the NULL tail slot is a no-op. */
    AVS_LIST_DELETE(AVS_LIST_APPEND_PTR(&list));
    TT_EQ(AVS_LIST_SIZE(list), 2);
    TT_CHECK(AVS_LIST_DETACH(AVS_LIST_APPEND_PTR(&list)) == NULL);
    AVS_LIST_CLEAR(&list);
}

static void clear_runs_body_per_element(void) {
    static const int VALUES[] = {5, 6, 7};
    AVS_LIST(int) list = make_list(VALUES, 3);
    int sum = 0;
    int visits = 0;
    AVS_LIST_CLEAR(&list) {
        sum += *list;
        ++visits;
    }
    TT_EQ(sum, 18);
    TT_EQ(visits, 3);
    TT_CHECK(list == NULL);
}

static void foreach_ptr_and_iterate(void) {
    static const int VALUES[] = {1, 2, 3};
    static const int DOUBLED[] = {2, 4, 6};
    AVS_LIST(int) list = make_list(VALUES, 3);
    AVS_LIST(int) * slot;
    AVS_LIST(int) element;
    int count = 0;
    AVS_LIST_FOREACH_PTR(slot, &list) {
        **slot *= 2;
        ++count;
    }
    TT_EQ(count, 3);
    /* The loop stops at the NULL tail slot, where an append goes. */
    TT_CHECK(slot == AVS_LIST_APPEND_PTR(&list));
    TT_CHECK(*slot == NULL);
    TT_CHECK(list_equals(list, DOUBLED, 3));

    element = AVS_LIST_NEXT(list);
    count = 0;
    AVS_LIST_ITERATE(element) {
        ++count;
    }
    TT_EQ(count, 2);
    slot = AVS_LIST_NEXT_PTR(&list);
    count = 0;
    AVS_LIST_ITERATE_PTR(slot) {
        ++count;
    }
    TT_EQ(count, 2);
    element = list;
    AVS_LIST_ADVANCE(&element);
    TT_EQ(*element, 4);
    slot = &list;
    AVS_LIST_ADVANCE_PTR(&slot);
    TT_CHECK(*slot == element);
    AVS_LIST_CLEAR(&list);
}

static void deletable_foreach_every_other(void) {
    static const int VALUES[] = {0, 1, 2, 3, 4, 5, 6};
    static const int ODD[] = {1, 3, 5};
    AVS_LIST(int) list = make_list(VALUES, 7);
    AVS_LIST(int) * slot;
    AVS_LIST(int) helper;
    int visited = 0;
    AVS_LIST_DELETABLE_FOREACH_PTR(slot, helper, &list) {
        ++visited;
        if (**slot % 2 == 0) {
            AVS_LIST_DELETE(slot);
        }
    }
    TT_EQ(visited, 7);
    TT_CHECK(list_equals(list, ODD, 3));
    /* Deleting every element also works. */
    AVS_LIST_DELETABLE_FOREACH_PTR(slot, helper, &list) {
        AVS_LIST_DELETE(slot);
    }
    TT_CHECK(list == NULL);
}

static void nth_and_find(void) {
    static const int VALUES[] = {10, 20, 30};
    AVS_LIST(int) list = make_list(VALUES, 3);
    AVS_LIST(int) * slot;
    int key = 20;
    TT_EQ(*AVS_LIST_NTH(list, 0), 10);
    TT_EQ(*AVS_LIST_NTH(list, 2), 30);
    TT_CHECK(AVS_LIST_NTH(list, 3) == NULL);
    TT_CHECK(AVS_LIST_NTH((int *) NULL, 0) == NULL);
    slot = AVS_LIST_NTH_PTR(&list, 1);
    TT_CHECK(slot == AVS_LIST_NEXT_PTR(&list));
    TT_EQ(**slot, 20);
    TT_CHECK(AVS_LIST_NTH_PTR(&list, 3) == NULL);
    TT_CHECK(AVS_LIST_NTH_PTR(&list, 10) == NULL);

    TT_CHECK(AVS_LIST_FIND_PTR(&list, AVS_LIST_NTH(list, 2)) ==
             AVS_LIST_NTH_PTR(&list, 2));
    TT_CHECK(AVS_LIST_FIND_PTR(&list, &key) == NULL);
    AVS_LIST_CLEAR(&list);
}

static int compare_ints(const void *a, const void *b, size_t size) {
    (void) size;
    return *(const int *) a - *(const int *) b;
}

static void find_by_value(void) {
    static const int VALUES[] = {10, 20, 30};
    AVS_LIST(int) list = make_list(VALUES, 3);
    int key = 30;
    AVS_LIST(int) *slot = AVS_LIST_FIND_BY_VALUE_PTR(&list, &key, compare_ints);
    TT_CHECK(slot == AVS_LIST_NTH_PTR(&list, 2));
    key = 31;
    TT_CHECK(AVS_LIST_FIND_BY_VALUE_PTR(&list, &key, compare_ints) == NULL);
    AVS_LIST_CLEAR(&list);
}

static void simple_clone(void) {
    typedef struct {
        int a;
        char text[9];
    } item_t;
    AVS_LIST(item_t) list = NULL;
    AVS_LIST(item_t) copy;
    AVS_LIST(item_t) original;
    AVS_LIST(item_t) cloned;
    int i;
    for (i = 0; i < 5; ++i) {
        item_t *item = AVS_LIST_APPEND_NEW(item_t, &list);
        TT_CHECK(item);
        item->a = i;
        snprintf(item->text, sizeof(item->text), "item%d", i);
    }
    copy = AVS_LIST_SIMPLE_CLONE(list);
    TT_EQ(AVS_LIST_SIZE(copy), 5);
    cloned = copy;
    AVS_LIST_FOREACH(original, list) {
        TT_CHECK(cloned != original);
        TT_EQ(cloned->a, original->a);
        TT_STREQ(cloned->text, original->text);
        cloned = AVS_LIST_NEXT(cloned);
    }
    TT_CHECK(AVS_LIST_SIMPLE_CLONE((item_t *) NULL) == NULL);
    AVS_LIST_CLEAR(&list);
    AVS_LIST_CLEAR(&copy);
}

typedef struct {
    int key;
    int order;
} keyed_t;

static size_t g_compared_size;

static int compare_keys(const void *a, const void *b, size_t size) {
    g_compared_size = size;
    return ((const keyed_t *) a)->key - ((const keyed_t *) b)->key;
}

static void sort_is_stable(void) {
    AVS_LIST(keyed_t) list = NULL;
    keyed_t *element;
    keyed_t prev = {-1, -1};
    unsigned seed = 12345;
    int i;
    for (i = 0; i < 1000; ++i) {
        element = AVS_LIST_APPEND_NEW(keyed_t, &list);
        TT_CHECK(element);
        seed = seed * 1103515245u + 12345u;
        element->key = (int) ((seed >> 16) % 17);
        element->order = i;
    }
    AVS_LIST_SORT(&list, compare_keys);
    TT_EQ(g_compared_size, sizeof(keyed_t));
    TT_EQ(AVS_LIST_SIZE(list), 1000);
    AVS_LIST_FOREACH(element, list) {
        TT_CHECK(element->key >= prev.key);
        if (element->key == prev.key) {
            TT_CHECK(element->order > prev.order);
        }
        prev = *element;
    }
    AVS_LIST_CLEAR(&list);
}

static void sort_small_cases(void) {
    static const int ONE[] = {4};
    static const int REVERSED[] = {5, 4, 3, 2, 1};
    static const int SORTED[] = {1, 2, 3, 4, 5};
    AVS_LIST(int) list = NULL;
    AVS_LIST_SORT(&list, compare_ints);
    TT_CHECK(list == NULL);
    list = make_list(ONE, 1);
    AVS_LIST_SORT(&list, compare_ints);
    TT_CHECK(list_equals(list, ONE, 1));
    AVS_LIST_CLEAR(&list);
    list = make_list(REVERSED, 5);
    AVS_LIST_SORT(&list, compare_ints);
    TT_CHECK(list_equals(list, SORTED, 5));
    TT_EQ(*AVS_LIST_TAIL(list), 5);
    TT_CHECK(AVS_LIST_NEXT(AVS_LIST_TAIL(list)) == NULL);
    AVS_LIST_CLEAR(&list);
}

int main(void) {
    TT_RUN(new_element_is_zeroed_and_aligned);
    TT_RUN(append_insert_size);
    TT_RUN(append_list);
    TT_RUN(detach_and_delete);
    TT_RUN(clear_runs_body_per_element);
    TT_RUN(foreach_ptr_and_iterate);
    TT_RUN(deletable_foreach_every_other);
    TT_RUN(nth_and_find);
    TT_RUN(find_by_value);
    TT_RUN(simple_clone);
    TT_RUN(sort_is_stable);
    TT_RUN(sort_small_cases);
    return TT_SUMMARY();
}
