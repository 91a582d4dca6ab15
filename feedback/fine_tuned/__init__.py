"""MiniLM classifiers fine-tuned end to end and shipped as int8 ONNX files.

`training` fine-tunes (PyTorch, only when retraining); `onnx_classifier` runs the shipped file
with onnxruntime alone. The no-soothing guard and the crisis check are built on them.
"""
