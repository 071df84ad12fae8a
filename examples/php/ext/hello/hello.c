#include "php.h"

PHP_FUNCTION(hello_world)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_STRING("hello from a PHP extension");
}

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_hello_world, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

static const zend_function_entry hello_functions[] = {
    PHP_FE(hello_world, arginfo_hello_world)
    PHP_FE_END
};

zend_module_entry hello_module_entry = {
    STANDARD_MODULE_HEADER, "hello", hello_functions, NULL, NULL, NULL, NULL, NULL, "0.1.0", STANDARD_MODULE_PROPERTIES
};

ZEND_GET_MODULE(hello)
