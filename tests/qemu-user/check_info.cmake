# SPDX-License-Identifier: GPL-2.0
# Run `fpbench info` (through EMU, if set) and require exit 0 and the lines
# a reader relies on: kernel, cpu, pmu (with a reason when there is none).
separate_arguments(emu UNIX_COMMAND "${EMU}")
execute_process(COMMAND ${emu} ${EXE} info
	RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
	message(FATAL_ERROR "fpbench info exited ${rc}")
endif()
foreach(re "(^|\n)kernel: [^\n]+" "(^|\n)cpu: [^\n]+, [0-9]+ online, [^\n]+"
	   "(^|\n)emulated: (yes|no)" "(^|\n)counter: [^\n]+\\(unit (cycles|cntvct|ns)"
	   "(^|\n)pmu: ([^\n]+ \\(perf type|none: [^\n]+; falling back to)")
	if(NOT out MATCHES "${re}")
		message(FATAL_ERROR "fpbench info: no line matching '${re}'")
	endif()
endforeach()
execute_process(COMMAND ${emu} ${EXE} info --json
	RESULT_VARIABLE rc OUTPUT_VARIABLE json)
if(NOT rc EQUAL 0)
	message(FATAL_ERROR "fpbench info --json exited ${rc}")
endif()
# string(JSON) fails on malformed JSON: that is the check.
string(JSON kernel GET "${json}" system kernel)
string(JSON unit GET "${json}" counter unit)
string(JSON name GET "${json}" system cpu name)
if(kernel STREQUAL "" OR unit STREQUAL "" OR name STREQUAL "")
	message(FATAL_ERROR "fpbench info --json: empty kernel/unit/cpu name")
endif()
message("json: kernel ${kernel}, cpu ${name}, unit ${unit}")
