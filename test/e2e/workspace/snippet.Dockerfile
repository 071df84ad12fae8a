# a multi-stage template goes below

