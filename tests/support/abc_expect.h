/* Checking library calls in CMocka tests; include after cmocka.h (and its prerequisites).
 *
 * ABC_EXPECT(call, wanted, needles...) runs `call`, which passes `error` (an abc_error ** the
 * macro provides), and fails the test, naming the call, its status, the error's message and
 * problem type, unless the call returned `wanted` with a message that contains each needle
 * (strings; none for ABC_EXPECT_OK). The error is freed. */
#ifndef ABC_TESTS_ABC_EXPECT_H
#define ABC_TESTS_ABC_EXPECT_H

#include <string.h>

#include "airbyte_cloud.h"

#define ABC_EXPECT(call, wanted, ...)                                                            \
    do {                                                                                         \
        abc_error *error_ = NULL;                                                                \
        abc_error **error = &error_;                                                             \
        abc_status status_ = (call);                                                             \
        (void)error;                                                                             \
        abc_expect_result(#call, status_, (wanted), error_, (const char *const[]){__VA_ARGS__}); \
    } while (0)
#define ABC_EXPECT_OK(call) ABC_EXPECT(call, ABC_OK, NULL)
#define ABC_EXPECT_INVALID(call, ...) \
    ABC_EXPECT(call, ABC_ERROR_INVALID_ARGUMENT, __VA_ARGS__, NULL)

static inline void abc_expect_result(const char *call, abc_status status, abc_status wanted,
                                     abc_error *error, const char *const *needles) {
    const char *message = abc_error_message(error);
    if (status != wanted) {
        fail_msg("%s: got %s (%s; problem type '%s'), wanted %s", call, abc_strerror(status),
                 message, abc_error_problem_type(error), abc_strerror(wanted));
    }
    for (; *needles != NULL; ++needles) {
        if (strstr(message, *needles) == NULL)
            fail_msg("%s: the message '%s' does not name '%s'", call, message, *needles);
    }
    abc_error_free(error);
}

#endif
