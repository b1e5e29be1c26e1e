// Reference outputs of TF.js layers models, computed by @tensorflow/tfjs (pure-JS CPU backend; never
// tfjs-node) so Engram's Java loader is checked against the format's own implementation.
//   node tfjs-reference.js test-model <dir>          writes a small quantized layers model covering
//        asymmetric ZeroPadding2D, strided 'same'/'valid' Conv2D, DepthwiseConv2D (multiplier 2),
//        BatchNormalization with non-default epsilon and moving statistics, ReLU/ReLU6, Add, Concatenate
//   node tfjs-reference.js reference <model dir> <width> <height> <out.json>
//        runs the model on the fixed input pixel(x, y, c) = ((7x + 13y + 29c + (x*y mod 11)) mod 256) / 255
// Needs NODE_PATH (or a node_modules beside it) holding @tensorflow/tfjs@4.22.0.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

async function main() {
  await tf.setBackend('cpu');
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === 'test-model') await testModel(args[0]);
  else if (cmd === 'reference') await reference(args[0], +args[1], +args[2], args[3]);
  else {
    console.error('usage: tfjs-reference.js test-model <dir> | reference <model dir> <width> <height> <out.json>');
    process.exit(2);
  }
}

function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

async function testModel(dir) {
  const input = tf.input({ shape: [null, null, 3], name: 'image' });
  const padded = tf.layers.zeroPadding2d({ padding: [[1, 2], [0, 1]], name: 'pad' }).apply(input);
  const c1 = tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'valid', useBias: true, name: 'conv1' }).apply(padded);
  const b1 = tf.layers.batchNormalization({ epsilon: 0.01, name: 'bn1' }).apply(c1);
  const r1 = tf.layers.reLU({ maxValue: 6, name: 'relu6' }).apply(b1);
  const d1 = tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', useBias: true, name: 'dw' }).apply(r1);
  const b2 = tf.layers.batchNormalization({ epsilon: 0.001, name: 'bn2' }).apply(d1);
  const r2 = tf.layers.reLU({ name: 'relu' }).apply(b2);
  const p1 = tf.layers.conv2d({ filters: 16, kernelSize: 1, padding: 'same', useBias: false, name: 'project' }).apply(r2);
  const s2 = tf.layers.conv2d({ filters: 16, kernelSize: 3, strides: 1, padding: 'same', useBias: true, name: 'side' }).apply(r2);
  const added = tf.layers.add({ name: 'add' }).apply([p1, s2]);
  const wide = tf.layers.conv2d({ filters: 4, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu', name: 'wide' }).apply(added);
  const cat = tf.layers.concatenate({ name: 'concat' }).apply([r1, tf.layers.conv2d({ filters: 2, kernelSize: 1, name: 'squeeze' }).apply(r1)]);
  const model = tf.model({ inputs: input, outputs: [cat, added, wide], name: 'engram_test_model' });

  // Random weights in every tensor, positive variances, so each layer's arithmetic matters.
  const rnd = seeded(20261206);
  model.setWeights(model.weights.map((w) => {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(n);
    for (let i = 0; i < n; i++) v[i] = w.name.includes('variance') ? 0.2 + rnd() : w.name.includes('gamma') ? 0.5 + rnd() : rnd() * 2 - 1;
    return tf.tensor(v, w.shape);
  }));

  let artifacts;
  await model.save({ save: async (a) => { artifacts = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; } });
  // Quantize each float32 tensor to uint8 the way tfjs-converter does: value = min + scale * byte.
  const floats = new Float32Array(artifacts.weightData);
  const specs = [];
  const bytes = [];
  let off = 0;
  for (const spec of artifacts.weightSpecs) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const v = floats.subarray(off, off + n);
    off += n;
    let min = Infinity, max = -Infinity;
    for (const x of v) { if (x < min) min = x; if (x > max) max = x; }
    const scale = max > min ? (max - min) / 255 : 1;
    const q = Buffer.alloc(n);
    for (let i = 0; i < n; i++) q[i] = Math.round((v[i] - min) / scale);
    specs.push({ ...spec, quantization: { dtype: 'uint8', min, scale } });
    bytes.push(q);
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.concat(bytes));
  fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify({
    format: 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: 'engram tfjs-reference.js test-model (uint8-quantized)',
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
  }));
  console.log('wrote test model to ' + dir);
}

async function load(dir) {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const group = json.weightsManifest[0];
  const data = fs.readFileSync(path.join(dir, group.paths[0]));
  return tf.loadLayersModel({
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: group.weights,
      weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
    }),
  });
}

async function reference(dir, width, height, out) {
  const model = await load(dir);
  const values = new Float32Array(height * width * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++) values[(y * width + x) * 3 + c] = ((7 * x + 13 * y + 29 * c + ((x * y) % 11)) % 256) / 255;
  let outputs = model.predict(tf.tensor(values, [1, height, width, 3]));
  if (!Array.isArray(outputs)) outputs = [outputs];
  const result = { tfjs: tf.version.tfjs, backend: tf.getBackend(), width, height, outputs: [] };
  model.outputNames.forEach((name, i) => {
    const data = outputs[i].dataSync();
    result.outputs.push({ name, shape: outputs[i].shape, layout: 'NHWC',
      values: Buffer.from(new Float32Array(data).buffer).toString('base64') });
  });
  fs.writeFileSync(out, JSON.stringify(result));
  console.log('wrote ' + out + ': ' + result.outputs.map((o) => o.name + ' ' + JSON.stringify(o.shape)).join(', '));
}

main().catch((e) => { console.error(e); process.exit(1); });
