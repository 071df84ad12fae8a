# SYNTAX TEST "source.dockerfile" "stage names stand out where declared and referenced"
FROM golang:1.22 AS builder
#^^^ keyword.other.special-method.dockerfile
#    ^^^^^^^^^^^ - entity.name.type.stage.reference.dockerfile
#                ^^ keyword.other.special-method.dockerfile
#                   ^^^^^^^ entity.name.type.stage.dockerfile
from --platform=$BUILDPLATFORM builder as Test.Stage-2
#^^^ keyword.other.special-method.dockerfile
#    ^^^^^^^^^^^^^^^^^^^^^^^^^ - entity.name.type
#                              ^^^^^^^ entity.name.type.stage.reference.dockerfile
#                                      ^^ keyword.other.special-method.dockerfile
#                                         ^^^^^^^^^^^^ entity.name.type.stage.dockerfile
FROM scratch
#    ^^^^^^^ constant.language.scratch.dockerfile
FROM ${BASE}
#    ^^^^^^^ - entity.name.type.stage.reference.dockerfile
FROM docker.io/library/alpine@sha256:abc AS final
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ - entity.name.type
#                                           ^^^^^ entity.name.type.stage.dockerfile
COPY --link --from=builder /out /out
#           ^^^^^^ variable.parameter.flag.dockerfile
#                 ^ keyword.operator.assignment.dockerfile
#                  ^^^^^^^ entity.name.type.stage.reference.dockerfile
#                          ^^^^ - entity.name.type
COPY --from=0 /a /b
#           ^ constant.numeric.stage-index.dockerfile
COPY --from="builder" /a /b
#            ^^^^^^^ entity.name.type.stage.reference.dockerfile
COPY --from=nginx:latest /etc/nginx /etc/nginx
#           ^^^^^^^^^^^^ - entity.name.type.stage.reference.dockerfile
ADD --chown=1:1 \
    --from=builder /x /y
#   ^^^^^^ variable.parameter.flag.dockerfile
#          ^^^^^^^ entity.name.type.stage.reference.dockerfile
RUN --mount=type=cache,target=/root/.cache,from=builder,source=/x go build
#   ^^^^^^^ variable.parameter.flag.dockerfile
#                                          ^^^^ variable.parameter.mount-option.dockerfile
#                                               ^^^^^^^ entity.name.type.stage.reference.dockerfile
#                                                               ^^ - entity.name.type
RUN --mount=from=1,target=/src make
#           ^^^^ variable.parameter.mount-option.dockerfile
#                ^ constant.numeric.stage-index.dockerfile
RUN echo a,from=builder --from=x
#          ^^^^^^^^^^^^ - entity.name.type.stage.reference.dockerfile
# COPY --from=builder in a comment is no reference
# ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - entity.name.type
RUN echo "FROM x AS y"
#                   ^ - entity.name.type.stage.dockerfile
