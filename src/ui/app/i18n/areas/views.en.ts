// The views of the network (src/ui/views/): what the first layer has learned, and what every layer makes of the drawing.
export const viewsEn = {
  'views.firstLayer': 'First-layer weights',
  'views.firstLayer.filtersTitle': 'Filters',
  'views.firstLayer.filters': 'Layer {layer}, {name}: its {count} filters, weights from {min} to {max}',
  'views.firstLayer.units': 'Layer {layer}, {name}: its {count} hidden units, each as a {height}×{width} picture, weights from {min} to {max}',
  'views.firstLayer.howto':
    'Each small picture is one unit of the first layer: the weight it gives each pixel of the input. Grey is 0, white a large positive weight and black a large negative one (each picture scaled to its own largest weight). A unit answers strongly to drawings with ink where its picture is white and none where it is black. For an MLP each picture has the input’s size, 28×28; for a CNN it is a small filter that slides over the image. They start as noise; as the model trains, strokes, blobs and edges appear.',
  'views.activations': 'Layer activations',
  'views.activations.maps': 'Feature maps',
  'views.activations.layer': 'Layer {layer}, {name}: {shape}',
  'views.activations.units': 'Layer {layer}: {count} units, from {min} to {max}',
  'views.activations.empty': 'Draw on the pad to see what each layer makes of it.',
  'views.activations.howto':
    'What each layer computes from your drawing, from the input to the output, updated as you draw. A dense layer shows one bar per unit: its value after the activation function (below the line when negative; the last layer’s bars are the logits, before softmax). A convolution or pooling layer shows one small image per channel, bright where that channel found its pattern, each image scaled to its own strongest response.',
} as const;
