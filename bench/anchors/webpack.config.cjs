// webpack 5 config for the bench: one entry, no minification (no other tool minifies), external source map
// (like ours and esbuild). Driven by environment variables so bench/measure.mjs runs plain webpack-cli:
//   BENCH_ENTRY (relative to the cwd, the app copy), BENCH_OUT (output folder),
//   BENCH_LAVAMOAT = '' | 'enforce' (policy from ./lavamoat/webpack) | 'generate' (generatePolicy: true).
'use strict';
const path = require('path');

const lavamoat = process.env.BENCH_LAVAMOAT || '';
const plugins = [];
if (lavamoat) {
  const LavaMoatPlugin = require('@lavamoat/webpack');
  plugins.push(
    new LavaMoatPlugin({
      generatePolicy: lavamoat === 'generate',
      policyLocation: path.resolve('lavamoat/webpack'),
      // One script on the page: SES goes in front of the entry chunk instead of a separate `lockdown` file.
      inlineLockdown: /^main\.js$/,
    }),
  );
}

module.exports = {
  mode: 'production',
  context: process.cwd(),
  entry: { main: './' + process.env.BENCH_ENTRY },
  output: { path: path.resolve(process.env.BENCH_OUT), filename: '[name].js', clean: true },
  devtool: 'source-map',
  optimization: { minimize: false },
  performance: { hints: false },
  // webpack 5 has no Node polyfills; the app depends on the browser packages itself except for `path`.
  resolve: { extensions: ['.js', '.cjs', '.mjs', '.json'], fallback: { path: require.resolve('path-browserify', { paths: [process.cwd()] }) } },
  plugins,
  stats: 'errors-warnings',
};
