/**
 * Audio as events: PCM out of WAV or raw files ({@link dev.engram.snn.audio.PcmReader}) and the streaming
 * silicon-cochlea emulator ({@link dev.engram.snn.audio.Cochlea}) that turns it into ON/OFF events per
 * frequency channel. Decoders reach it through {@link dev.engram.snn.events.CochleaDecoder}.
 */
package dev.engram.snn.audio;
