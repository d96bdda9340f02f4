#!/usr/bin/env node
// The package's bin: the command line, bundled into one file and compiled with V8's code cache (code-cache.cts).
import { compileProgram, runProgram } from "./code-cache.cjs";

runProgram(compileProgram());
