module witbindgen.test/wasiprobe

go 1.24
