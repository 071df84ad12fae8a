PHP_ARG_ENABLE([hello], [whether to enable hello], [AS_HELP_STRING([--enable-hello], [Enable hello])], [yes])
if test "$PHP_HELLO" != "no"; then
  PHP_NEW_EXTENSION(hello, hello.c, $ext_shared)
fi
