// Converts the Keras MobileNetV2 shipped inside the npm package nsfwjs@4.4.0 into a standard
// TF.js layers model (model.json + weights.bin), truncated after block_10 (stride 16), with two
// outputs: block_5_add (stride 8, 32 channels) and block_10_project_BN (stride 16, 96 channels).
// Weights stay uint8-quantized exactly as shipped (value = min + scale * byte); only the tensors
// the kept layers use are copied. Run once by fetch-backbone.sh:
//   node convert-nsfwjs.js <unpacked nsfwjs package dir> <output dir>
'use strict';
const fs = require('fs');
const path = require('path');

const OUTPUTS = ['block_5_add', 'block_10_project_BN'];

function main() {
  const [pkg, out] = process.argv.slice(2);
  if (!pkg || !out) {
    console.error('usage: node convert-nsfwjs.js <nsfwjs package dir> <output dir>');
    process.exit(2);
  }
  const dir = path.join(pkg, 'dist', 'models', 'mobilenet_v2');
  // Both files are browserify bundles exporting plain data; evaluating them runs no network code.
  const bundle = require(path.resolve(dir, 'model.min.js'));
  const shardModule = require(path.resolve(dir, 'group1-shard1of1.min.js'));
  const shard = Buffer.from(typeof shardModule === 'string' ? shardModule : findString(shardModule), 'base64');
  const topology = bundle.modelTopology;
  const layers = topology.model_config.config.layers;

  // Keep every layer some output depends on.
  const byName = new Map(layers.map((l) => [l.name, l]));
  const keep = new Set();
  const stack = [...OUTPUTS];
  while (stack.length) {
    const name = stack.pop();
    if (keep.has(name)) continue;
    const layer = byName.get(name);
    if (!layer) throw new Error('no layer ' + name + ' in the package model');
    keep.add(name);
    for (const node of layer.inbound_nodes) for (const inbound of node) stack.push(inbound[0]);
  }
  // Fully convolutional: any input size (the package fixed 224x224 for its classifier head).
  const kept = layers.filter((l) => keep.has(l.name)).map((l) =>
    l.class_name === 'InputLayer'
      ? { ...l, config: { ...l.config, batch_input_shape: [null, null, null, 3] } }
      : l);

  // Weight offsets in the shard: manifest order, uint8 (1 byte per value) or float32.
  const manifest = bundle.weightsManifest;
  if (manifest.length !== 1 || manifest[0].paths.length !== 1) throw new Error('expected one weight group with one shard');
  const specs = manifest[0].weights;
  let offset = 0;
  const located = new Map();
  for (const w of specs) {
    const count = w.shape.reduce((a, b) => a * b, 1);
    const bytes = count * (w.quantization ? bytesOf(w.quantization.dtype) : 4);
    located.set(w.name, { spec: w, offset, bytes });
    offset += bytes;
  }
  if (offset !== shard.length) throw new Error('manifest describes ' + offset + ' bytes, the shard has ' + shard.length);

  const outSpecs = [];
  const parts = [];
  for (const [name, w] of located) {
    if (!keep.has(name.split('/')[0])) continue;
    outSpecs.push(w.spec);
    parts.push(shard.subarray(w.offset, w.offset + w.bytes));
  }
  const model = {
    format: 'layers-model',
    generatedBy: 'keras v' + topology.keras_version,
    convertedBy: 'engram convert-nsfwjs.js from nsfwjs@4.4.0 dist/models/mobilenet_v2 (truncated after block_10)',
    modelTopology: {
      keras_version: topology.keras_version,
      backend: topology.backend,
      model_config: {
        class_name: topology.model_config.class_name,
        config: {
          name: 'mobilenet_v2_block_10',
          layers: kept,
          input_layers: topology.model_config.config.input_layers,
          output_layers: OUTPUTS.map((n) => [n, 0, 0]),
        },
      },
    },
    weightsManifest: [{ paths: ['weights.bin'], weights: outSpecs }],
  };
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'weights.bin'), Buffer.concat(parts));
  fs.writeFileSync(path.join(out, 'model.json'), JSON.stringify(model));
  console.log('wrote ' + kept.length + ' layers, ' + outSpecs.length + ' weight tensors to ' + out);
}

function bytesOf(dtype) {
  if (dtype === 'uint8') return 1;
  if (dtype === 'uint16' || dtype === 'float16') return 2;
  throw new Error('unsupported quantization dtype ' + dtype);
}

function findString(m) {
  for (const v of Object.values(m)) if (typeof v === 'string') return v;
  throw new Error('the weight bundle exports no string');
}

main();
